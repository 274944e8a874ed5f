import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '@/db/app/schema/users';
import type { TSignedInContext } from '@/server/api/trpc';
import { inTransaction } from '@/server/api/in-transaction';
import { forgetSessionChecks } from '@/server/auth/session-check-cache';
import { AppError } from '@/server/api/app-error';
import { recordUserAction } from '@/server/audit/record-user-action';
import { AUDIT_ACTIONS, AUDIT_SUBTYPES } from '@/server/audit/audit-codes';
import type { ZSetUserDisabledInputSchema } from './users.schema';

/** Disabling also bumps the session version, so the account's open sessions end at once. */
export async function setUserDisabledHandler({ ctx, input }: { ctx: TSignedInContext; input: z.infer<typeof ZSetUserDisabledInputSchema> }) {
  if (input.userId === ctx.user.id && input.disabled) throw new AppError('BAD_REQUEST', 'You cannot disable your own account.');
  const result = await inTransaction(ctx, async (ctx) => {
    const [updated] = await ctx.db
      .update(users)
      .set({ disabled: input.disabled, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, input.userId))
      .returning({ id: users.id });
    if (!updated) throw new AppError('NOT_FOUND', 'No such user.');
    await recordUserAction(ctx, {
      subtype: input.disabled ? AUDIT_SUBTYPES.userDisabled : AUDIT_SUBTYPES.userEnabled,
      action: AUDIT_ACTIONS.update,
      entity: { type: 'User', id: input.userId },
    });
    return { id: updated.id, disabled: input.disabled };
  });
  // After the commit, so that no request of this replica can keep the old state meanwhile.
  forgetSessionChecks(ctx.db, input.userId);
  return result;
}
