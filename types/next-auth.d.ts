import type { SessionUser } from '@/server/auth/session-user';

declare module 'next-auth' {
  interface Session {
    user: SessionUser;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    user?: SessionUser;
    uid?: string;
    sv?: number;
    authTime?: number;
    sid?: string;
  }
}
