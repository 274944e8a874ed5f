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
    /** Id of the hospital identity provider the user signed in through; absent for the credentials sign-in. */
    idp?: string;
    /** That provider's ID token, sent back as id_token_hint on sign-out. */
    idToken?: string;
  }
}
