import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { users } from './schema/users';
import { careRelationships } from './schema/care-relationships';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';
import { hashPassword } from '@/server/auth/password';

/**
 * Creates the demo users and their care relationships if they are missing. Safe to run on every start:
 * existing users are left as they are (an admin may have disabled one) and nothing is duplicated.
 */
export async function seedDemoUsers(db: Database): Promise<void> {
  const existing = new Set((await db.select({ email: users.email }).from(users)).map((u) => u.email));
  const missing = DEMO_USERS.filter((u) => !existing.has(u.email));
  if (missing.length === 0) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const demo of missing) {
      const [created] = await tx
        .insert(users)
        .values({ email: demo.email, name: demo.name, role: demo.role, organisation: demo.organisation, nationalId: demo.nationalId, passwordHash })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (!created) continue;
      for (const patientNationalId of demo.caresFor) {
        const [open] = await tx
          .select({ id: careRelationships.id })
          .from(careRelationships)
          .where(and(eq(careRelationships.clinicianId, created.id), eq(careRelationships.patientNationalId, patientNationalId), isNull(careRelationships.until)));
        if (!open) await tx.insert(careRelationships).values({ clinicianId: created.id, patientNationalId, since: new Date('2024-01-01T00:00:00Z') });
      }
    }
  });
}
