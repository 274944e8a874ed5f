import { eq, lt, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { users } from '@/db/app/schema/users';
import { revokedSessions } from '@/db/app/schema/revoked-sessions';

/** A session ends after 30 minutes without activity, and 12 hours after sign-in whatever happens. */
export const SESSION_LIMITS = { idleSeconds: 30 * 60, absoluteSeconds: 12 * 60 * 60 } as const;

export interface SessionClaims {
  uid: string;
  sv: number;
  /** This session's id (one per sign-in): a plain sign-out revokes it. */
  sid: string;
  /** Sign-in time, seconds since the epoch. */
  authTime: number;
}

export type TSessionCheck = { valid: true } | { valid: false; reason: 'expired' | 'revoked' | 'disabled' | 'signed-out' };

/**
 * Whether a session JWT still stands, in one statement: the account's session version and state, and
 * whether this very session was signed out. Checked on every request (through the session-check cache),
 * so "sign out", "sign out everywhere" and disabling an account hold on every replica.
 */
export async function checkSession(db: Database, claims: SessionClaims, nowSeconds = Math.floor(Date.now() / 1000)): Promise<TSessionCheck> {
  if (nowSeconds - claims.authTime > SESSION_LIMITS.absoluteSeconds) return { valid: false, reason: 'expired' };
  const [row] = await db
    .select({
      sv: users.sessionVersion,
      disabled: users.disabled,
      signedOut: sql<boolean>`exists (select 1 from ${revokedSessions} where ${revokedSessions.sessionId} = ${claims.sid})`,
    })
    .from(users)
    .where(eq(users.id, claims.uid));
  if (!row || row.disabled) return { valid: false, reason: 'disabled' };
  if (row.sv !== claims.sv) return { valid: false, reason: 'revoked' };
  if (row.signedOut) return { valid: false, reason: 'signed-out' };
  return { valid: true };
}

/** Ends one session for good (plain sign-out) and prunes revocations of sessions that have expired anyway. */
export async function revokeSession(db: Database, claims: SessionClaims): Promise<void> {
  const expiresAt = new Date((claims.authTime + SESSION_LIMITS.absoluteSeconds) * 1000);
  await db.insert(revokedSessions).values({ sessionId: claims.sid, userId: claims.uid, expiresAt }).onConflictDoNothing();
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, new Date()));
}
