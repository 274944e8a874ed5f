import { and, eq, gt, isNull, lte, or } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { careRelationships } from '@/db/app/schema/care-relationships';

/** Care relationships in force now: started, and not ended. */
export function inForce(now = new Date()) {
  return and(lte(careRelationships.since, now), or(isNull(careRelationships.until), gt(careRelationships.until, now)));
}

/** National ids of the patients a clinician cares for today. */
export async function patientsInCareOf(db: Database, clinicianId: string): Promise<string[]> {
  const rows = await db
    .select({ nationalId: careRelationships.patientNationalId })
    .from(careRelationships)
    .where(and(eq(careRelationships.clinicianId, clinicianId), inForce()));
  return [...new Set(rows.map((r) => r.nationalId))].sort();
}

export async function hasCareRelationship(db: Database, clinicianId: string, patientNationalId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: careRelationships.id })
    .from(careRelationships)
    .where(and(eq(careRelationships.clinicianId, clinicianId), eq(careRelationships.patientNationalId, patientNationalId), inForce()))
    .limit(1);
  return row !== undefined;
}
