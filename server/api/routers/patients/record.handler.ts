import type { TSignedInContext } from '@/server/api/trpc';
import { assertPatientAccess } from '@/server/access/patient-access';
import { practitionerFor } from '@/server/access/practitioner';
import { auditFanOut } from '@/server/audit/fan-out-audit';
import { AUDIT_SUBTYPES } from '@/server/audit/audit-codes';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import { legalNames } from '@/server/dataspace/consumer/legal-names';
import { patientRecordView } from '@/server/records/patient-record-view';
import type { TRecordInput, TRecordOutput } from './record.schema';

const PURPOSE = 'TREAT';

/**
 * A patient's merged record for care: role (ladder) → care relationship, or emergency access with a
 * reason (purpose ETREAT, the reason travels to every provider) → the providers' own consent decisions
 * (in the fan-out) → an audit event naming every provider asked and what it answered.
 */
export async function recordHandler({ ctx, input }: { ctx: TSignedInContext; input: TRecordInput }): Promise<TRecordOutput> {
  const access = await assertPatientAccess(ctx, input.nationalId, PURPOSE);
  const consumer = dataspaceConsumer(ctx.db);
  const result = await consumer.patientRecord(input.nationalId, practitionerFor(ctx, access));
  const names = await legalNames(consumer.directory);
  await auditFanOut(ctx, { result, purpose: access.purpose, subtype: AUDIT_SUBTYPES.read });
  return { ...patientRecordView(result, names), access };
}
