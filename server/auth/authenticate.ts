import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { users } from '@/db/app/schema/users';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './password';
import { isSignInLocked, recordSignInAttempt } from './sign-in-rate-limit';
import { isRole } from './roles';
import { toSessionUser, type SessionUser } from './session-user';

export const ZCredentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

export type TAuthenticateResult =
  | { ok: true; user: SessionUser; sessionVersion: number }
  | { ok: false; reason: 'invalid' | 'locked' };

/**
 * Checks a credentials sign-in. Unknown account, wrong password and disabled account all answer
 * 'invalid' (one generic message); 'locked' once the rate limit is reached. Every attempt is audited.
 */
export async function authenticate(db: Database, input: unknown, clientAddress: string): Promise<TAuthenticateResult> {
  const parsed = ZCredentialsSchema.safeParse(input);
  const email = parsed.success ? parsed.data.email : String((input as { email?: unknown } | null)?.email ?? '').slice(0, 254);
  const audit = (outcome: 'success' | 'failure', description: string, user?: SessionUser) =>
    recordAuditEvent(db, {
      typeCode: AUDIT_TYPES.userAuthentication,
      subtype: outcome === 'success' ? AUDIT_SUBTYPES.login : AUDIT_SUBTYPES.loginFailed,
      action: AUDIT_ACTIONS.execute,
      outcome: outcome === 'success' ? AUDIT_OUTCOMES.success : AUDIT_OUTCOMES.minorFailure,
      outcomeDescription: description,
      agent: { userId: user?.id ?? null, role: user?.role ?? null, organisation: user?.organisation ?? null },
      entity: { type: 'User', email },
      clientAddress,
    });

  if (await isSignInLocked(db, email, clientAddress)) {
    await audit('failure', 'locked: too many failed sign-ins');
    return { ok: false, reason: 'locked' };
  }
  const [row] = parsed.success ? await db.select().from(users).where(eq(users.email, parsed.data.email)) : [];
  const passwordOk = await verifyPassword(row?.passwordHash ?? DUMMY_PASSWORD_HASH, parsed.success ? parsed.data.password : '');
  if (!row || !passwordOk || row.disabled || !isRole(row.role)) {
    await recordSignInAttempt(db, email, clientAddress, false);
    await audit('failure', !row ? 'unknown account' : row.disabled ? 'account disabled' : 'wrong password');
    return { ok: false, reason: 'invalid' };
  }
  const user = toSessionUser(row);
  await recordSignInAttempt(db, email, clientAddress, true);
  await audit('success', 'signed in', user);
  return { ok: true, user, sessionVersion: row.sessionVersion };
}
