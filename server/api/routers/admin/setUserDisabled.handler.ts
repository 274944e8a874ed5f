import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '@/db/app/schema/users';
import type { TSignedInContext } from '@/server/api/trpc';
import { AppError } from '@/server/api/app-error';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { auditActor } from '@/server/audit/audit-actor';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import type { ZSetUserDisabledInputSchema } from './users.schema';

/** Disabling also bumps the session version, so the account's open sessions end at once. */
export async function setUserDisabledHandler({ ctx, input }: { ctx: TSignedInContext; input: z.infer<typeof ZSetUserDisabledInputSchema> }) {
  if (input.userId === ctx.user.id && input.disabled) throw new AppError('BAD_REQUEST', 'You cannot disable your own account.');
  const [updated] = await ctx.db
    .update(users)
    .set({ disabled: input.disabled, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, input.userId))
    .returning({ id: users.id });
  if (!updated) throw new AppError('NOT_FOUND', 'No such user.');
  await recordAuditEvent(ctx.db, {
    typeCode: AUDIT_TYPES.applicationActivity,
    subtype: input.disabled ? AUDIT_SUBTYPES.userDisabled : AUDIT_SUBTYPES.userEnabled,
    action: AUDIT_ACTIONS.update,
    outcome: AUDIT_OUTCOMES.success,
    entity: { type: 'User', id: input.userId },
    ...auditActor(ctx),
  });
  return { id: updated.id, disabled: input.disabled };
}
