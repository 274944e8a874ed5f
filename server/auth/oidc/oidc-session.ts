import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { users } from '@/db/app/schema/users';
import { oidcIdentities } from '@/db/app/schema/oidc-identities';
import { isRole } from '../roles';
import { toSessionUser, type SessionUser } from '../session-user';

/** The signed-in user behind an identity provider's subject, as a session carries it; null if not linked. */
export async function sessionUserOfSubject(db: Database, issuer: string, subject: string): Promise<{ user: SessionUser; sessionVersion: number } | null> {
  const [row] = await db
    .select({ user: users })
    .from(oidcIdentities)
    .innerJoin(users, eq(users.id, oidcIdentities.userId))
    .where(and(eq(oidcIdentities.issuer, issuer), eq(oidcIdentities.subject, subject)));
  if (!row || !isRole(row.user.role)) return null;
  return { user: toSessionUser(row.user), sessionVersion: row.user.sessionVersion };
}
