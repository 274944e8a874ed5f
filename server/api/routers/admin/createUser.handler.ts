import { eq, or } from 'drizzle-orm';
import { users } from '@/db/app/schema/users';
import type { TSignedInContext } from '@/server/api/trpc';
import { inTransaction } from '@/server/api/in-transaction';
import { AppError } from '@/server/api/app-error';
import { hashPassword } from '@/server/auth/password';
import { assertRegisteredOrganisation } from '@/server/access/organisations';
import { recordUserAction } from '@/server/audit/record-user-action';
import { AUDIT_ACTIONS, AUDIT_SUBTYPES } from '@/server/audit/audit-codes';
import type { TCreateUserInput } from './users.schema';

export async function createUserHandler({ ctx, input }: { ctx: TSignedInContext; input: TCreateUserInput }) {
  if (input.organisation !== null) await assertRegisteredOrganisation(ctx.db, input.organisation);
  const clash = await ctx.db
    .select({ email: users.email })
    .from(users)
    .where(input.nationalId ? or(eq(users.email, input.email), eq(users.nationalId, input.nationalId)) : eq(users.email, input.email));
  if (clash.length > 0) throw new AppError('CONFLICT', 'An account with this email or national identifier already exists.');
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (ctx) => {
    const [created] = await ctx.db
      .insert(users)
      .values({ email: input.email, name: input.name, role: input.role, organisation: input.organisation, nationalId: input.nationalId, passwordHash })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!created) throw new AppError('CONFLICT', 'An account with this email or national identifier already exists.');
    await recordUserAction(ctx, {
      subtype: AUDIT_SUBTYPES.userCreated,
      action: AUDIT_ACTIONS.create,
      entity: { type: 'User', id: created.id, role: input.role },
    });
    return { id: created.id };
  });
}
