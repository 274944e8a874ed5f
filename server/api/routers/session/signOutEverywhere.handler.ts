import { eq, sql } from 'drizzle-orm';
import { users } from '@/db/app/schema/users';
import { inTransaction } from '@/server/api/in-transaction';
import { forgetSessionChecks } from '@/server/auth/session-check-cache';
import type { TSignedInContext } from '@/server/api/trpc';
import { auditActor } from '@/server/audit/audit-actor';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';

/** Bumps the session version: every session of this user, on every device and replica, ends now. */
export async function signOutEverywhereHandler({ ctx }: { ctx: TSignedInContext }) {
  const result = await inTransaction(ctx, async (ctx) => {
    await ctx.db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, ctx.user.id));
    await recordAuditEvent(ctx.db, {
      typeCode: AUDIT_TYPES.userAuthentication,
      subtype: AUDIT_SUBTYPES.logoutEverywhere,
      action: AUDIT_ACTIONS.execute,
      outcome: AUDIT_OUTCOMES.success,
      entity: { type: 'User', id: ctx.user.id },
      ...auditActor(ctx),
    });
    return { ended: true as const };
  });
  // After the commit, so that no request of this replica can keep the old state meanwhile.
  forgetSessionChecks(ctx.db, ctx.user.id);
  return result;
}
