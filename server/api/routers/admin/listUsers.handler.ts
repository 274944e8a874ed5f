import { asc } from 'drizzle-orm';
import { users } from '@/db/app/schema/users';
import type { TSignedInContext } from '@/server/api/trpc';

export async function listUsersHandler({ ctx }: { ctx: TSignedInContext }) {
  return ctx.db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      organisation: users.organisation,
      nationalId: users.nationalId,
      disabled: users.disabled,
      createdAt: users.createdAt,
    })
    .from(users)
    .orderBy(asc(users.role), asc(users.name));
}
