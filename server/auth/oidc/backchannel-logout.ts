import { eq, sql } from 'drizzle-orm';
import { jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Database } from '@/db/client';
import { users } from '@/db/app/schema/users';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import type { TOidcProvider } from './oidc-config';
import { userOfSubject } from './oidc-sign-in';

/** OpenID Connect Back-Channel Logout 1.0 §2.4: the member of `events` that makes a JWT a logout token. */
export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/**
 * A logout token is accepted for this long after its `iat`: a captured token replayed later must not end
 * sessions the user opened since (§2.6 leaves replay protection to the RP; its own `exp` is optional).
 */
const MAX_TOKEN_AGE_SECONDS = 120;

export type TBackchannelLogout = { status: 200; ended: boolean } | { status: 400; error: 'invalid_request'; description: string };

/**
 * Validates a logout token as §2.6 asks (signature by the issuer's keys, iss, aud, iat, the logout event,
 * a sub, no nonce) and ends every app session of that user by bumping their session version, as "sign out
 * everywhere" does. A subject the app has never seen is answered 200 with nothing to end.
 */
export async function backchannelLogout(db: Database, provider: TOidcProvider, logoutToken: unknown, keys: JWTVerifyGetKey): Promise<TBackchannelLogout> {
  const refuse = (description: string) => ({ status: 400, error: 'invalid_request', description }) as const;
  if (typeof logoutToken !== 'string' || logoutToken.length === 0 || logoutToken.length > 8192) return refuse('logout_token is missing');
  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(logoutToken, keys, { issuer: provider.issuer, audience: provider.clientId, maxTokenAge: MAX_TOKEN_AGE_SECONDS, requiredClaims: ['iat'] }));
  } catch (error) {
    return refuse(`logout_token not valid: ${(error as Error).message}`);
  }
  const events = claims.events;
  if (!events || typeof events !== 'object' || !Object.hasOwn(events, BACKCHANNEL_LOGOUT_EVENT)) return refuse('logout_token carries no back-channel logout event');
  if ('nonce' in claims) return refuse('logout_token must not carry a nonce');
  // A token with only `sid` is valid OIDC, but this app ends a user's sessions, not one IdP session, so it
  // needs the subject; the README tells hospitals to send it (Keycloak always does).
  if (typeof claims.sub !== 'string' || claims.sub === '') return refuse('logout_token has no sub');

  return db.transaction(async (tx) => {
    const userId = await userOfSubject(tx, provider.issuer, claims.sub as string);
    if (!userId) return { status: 200, ended: false } as const;
    const [row] = await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId))
      .returning({ role: users.role, organisation: users.organisation });
    await recordAuditEvent(tx, {
      typeCode: AUDIT_TYPES.userAuthentication,
      subtype: AUDIT_SUBTYPES.logoutEverywhere,
      action: AUDIT_ACTIONS.execute,
      outcome: AUDIT_OUTCOMES.success,
      outcomeDescription: `back-channel logout from ${provider.issuer}`,
      agent: { userId, role: row?.role ?? null, organisation: row?.organisation ?? null },
      entity: { type: 'User', id: userId, issuer: provider.issuer, subject: claims.sub, sid: typeof claims.sid === 'string' ? claims.sid : null },
    });
    return { status: 200, ended: true } as const;
  });
}
