import type { TSignedInContext } from '@/server/api/trpc';
import { assertPatientAccess } from '@/server/access/patient-access';
import { practitionerFor } from '@/server/access/practitioner';
import { AUDIT_SUBTYPES } from '@/server/audit/audit-codes';
import { auditFanOut } from '@/server/audit/fan-out-audit';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import { legalNames } from '@/server/dataspace/consumer/legal-names';
import { patientRecordView } from './patient-record-view';

/**
 * A patient's merged record for care: role (ladder, by the caller) → care relationship, or emergency
 * access with a reason (purpose ETREAT, the reason travels to every provider) → the providers' own
 * consent decisions (in the fan-out) → an audit event naming every provider asked and what it answered.
 * The record page and the tumour-board case page both read through here.
 */
export async function readPatientRecord(ctx: TSignedInContext, nationalId: string, purpose: string) {
  const access = await assertPatientAccess(ctx, nationalId, purpose);
  const consumer = dataspaceConsumer(ctx.db);
  const result = await consumer.patientRecord(nationalId, practitionerFor(ctx, access));
  const names = await legalNames(consumer.directory);
  await auditFanOut(ctx, { result, purpose: access.purpose, subtype: AUDIT_SUBTYPES.read });
  return { ...patientRecordView(result, names), access };
}
