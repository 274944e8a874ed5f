import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { users } from '@/db/app/schema/users';

/** A session ends after 30 minutes without activity, and 12 hours after sign-in whatever happens. */
export const SESSION_LIMITS = { idleSeconds: 30 * 60, absoluteSeconds: 12 * 60 * 60 } as const;

export interface SessionClaims {
  uid: string;
  sv: number;
  /** Sign-in time, seconds since the epoch. */
  authTime: number;
}

export type TSessionCheck = { valid: true } | { valid: false; reason: 'expired' | 'revoked' | 'disabled' };

/**
 * Whether a session JWT still stands: checked on every request, so "sign out everywhere" and disabling
 * an account take effect at once on every replica (the version lives in the database).
 */
export async function checkSession(db: Database, claims: SessionClaims, nowSeconds = Math.floor(Date.now() / 1000)): Promise<TSessionCheck> {
  if (nowSeconds - claims.authTime > SESSION_LIMITS.absoluteSeconds) return { valid: false, reason: 'expired' };
  const [row] = await db.select({ sv: users.sessionVersion, disabled: users.disabled }).from(users).where(eq(users.id, claims.uid));
  if (!row || row.disabled) return { valid: false, reason: 'disabled' };
  if (row.sv !== claims.sv) return { valid: false, reason: 'revoked' };
  return { valid: true };
}
