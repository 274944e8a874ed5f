import { eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { users } from '@/db/app/schema/users';
import type { Role } from '@/server/auth/roles';
import type { SessionUser } from '@/server/auth/session-user';
import type { TRPCContext } from '@/server/api/trpc';

/** A tRPC context for one of the seeded demo users of a role, or with no session. */
export async function contextFor(db: Database, role: Role | null): Promise<TRPCContext> {
  let user: SessionUser | null = null;
  if (role) {
    const [row] = await db.select().from(users).where(eq(users.role, role)).limit(1);
    if (!row) throw new Error(`no seeded user with role ${role}`);
    user = { id: row.id, name: row.name, email: row.email, role: row.role, organisation: row.organisation, nationalId: row.nationalId };
  }
  return { db, user, clientAddress: '127.0.0.1', requestId: 'test', origin: { sent: null, allowed: null } };
}

/** A tRPC context for the seeded user with this e-mail. */
export async function contextForEmail(db: Database, email: string): Promise<TRPCContext & { user: SessionUser }> {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!row) throw new Error(`no seeded user ${email}`);
  const user: SessionUser = { id: row.id, name: row.name, email: row.email, role: row.role, organisation: row.organisation, nationalId: row.nationalId };
  return { db, user, clientAddress: '127.0.0.1', requestId: 'test', origin: { sent: null, allowed: null } };
}
