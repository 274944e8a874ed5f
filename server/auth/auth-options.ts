import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { appDb } from '@/server/db';
import { env } from '@/server/env';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { authenticate } from './authenticate';
import { randomUUID } from 'node:crypto';
import { revokeSession, SESSION_LIMITS } from './session-policy';
import { checkSessionCached, forgetSessionChecks } from './session-check-cache';
import { clientAddressFrom } from './client-address';
import { sessionCookie } from './session-cookie';

/** Thrown as the sign-in error code so the sign-in page can show the matching message. */
export const SIGN_IN_ERRORS = { invalid: 'invalid', locked: 'locked' } as const;

const sessionTokenCookie = sessionCookie(env().NEXTAUTH_URL);

export const authOptions: AuthOptions = {
  secret: env().NEXTAUTH_SECRET,
  // The JWT's lifetime is the idle timeout: every activity re-issues it (see SessionActivity).
  session: { strategy: 'jwt', maxAge: SESSION_LIMITS.idleSeconds },
  jwt: { maxAge: SESSION_LIMITS.idleSeconds },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  useSecureCookies: sessionTokenCookie.options.secure,
  logger: {
    // An ended session (revoked, disabled, expired) is reported through JWT_SESSION_ERROR; it is expected.
    error: (code, metadata) => {
      if (code !== 'JWT_SESSION_ERROR') console.error('[auth]', code, metadata);
    },
    warn: () => undefined,
    debug: () => undefined,
  },
  providers: [
    CredentialsProvider({
      name: 'credentials',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, req) {
        const result = await authenticate(await appDb(), credentials, clientAddressFrom(req.headers));
        if (!result.ok) throw new Error(SIGN_IN_ERRORS[result.reason]);
        return { ...result.user, sessionVersion: result.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const signedIn = user as typeof user & { sessionVersion: number } & NonNullable<typeof token.user>;
        const { sessionVersion, ...sessionUser } = signedIn;
        return { ...token, user: sessionUser, uid: sessionUser.id, sv: sessionVersion, sid: randomUUID(), authTime: Math.floor(Date.now() / 1000) };
      }
      if (!token.uid || token.sv === undefined || token.authTime === undefined || !token.sid) throw new Error('malformed session');
      const check = await checkSessionCached(await appDb(), { uid: token.uid, sv: token.sv, sid: token.sid, authTime: token.authTime });
      if (!check.valid) throw new Error(`session ${check.reason}`);
      return token;
    },
    session({ session, token }) {
      if (token.user) session.user = token.user;
      return session;
    },
  },
  events: {
    // A plain sign-out ends this session on the server too: a copy of the cookie is refused from now on.
    async signOut({ token }) {
      if (!token?.user) return;
      const db = await appDb();
      if (token.uid && token.sid && token.sv !== undefined && token.authTime !== undefined) {
        await revokeSession(db, { uid: token.uid, sid: token.sid, sv: token.sv, authTime: token.authTime });
        forgetSessionChecks(db, token.uid);
      }
      await recordAuditEvent(db, {
        typeCode: AUDIT_TYPES.userAuthentication,
        subtype: AUDIT_SUBTYPES.logout,
        action: AUDIT_ACTIONS.execute,
        outcome: AUDIT_OUTCOMES.success,
        agent: { userId: token.user.id, role: token.user.role, organisation: token.user.organisation },
        entity: { type: 'User', id: token.user.id },
      });
    },
  },
  cookies: { sessionToken: sessionTokenCookie },
};
