import type { TSignedInContext } from '@/server/api/trpc';
import { assertPatientAccess } from '@/server/access/patient-access';
import { auditActor } from '@/server/audit/audit-actor';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
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
  const result = await consumer.patientRecord(nationalId, {
    userId: ctx.user.email,
    role: ctx.user.role,
    ...(ctx.user.organisation ? { organisation: ctx.user.organisation } : {}),
    purpose: access.purpose,
    ...(access.breakGlass ? { breakGlassReason: access.breakGlass.reason } : {}),
  });
  const names = await consumer.directory
    .participants()
    .then((list) => new Map(list.map((p) => [p.id, p.legalName])))
    .catch(() => new Map<string, string>());
  const answered = result.providers.filter((p) => p.status === 'ok');
  await recordAuditEvent(ctx.db, {
    typeCode: AUDIT_TYPES.patientRecord,
    subtype: AUDIT_SUBTYPES.read,
    action: AUDIT_ACTIONS.read,
    outcome: answered.length > 0 || (result.locatorOk && result.providers.length === 0) ? AUDIT_OUTCOMES.success : AUDIT_OUTCOMES.minorFailure,
    outcomeDescription: result.locatorOk ? result.providers.map((p) => `${p.providerId}: ${p.status}`).join('; ') || 'no provider holds records' : `record locator unavailable: ${result.locatorDetail ?? ''}`,
    patientNationalId: nationalId,
    purposeOfUse: access.purpose,
    entity: { type: 'Patient', providers: result.providers.map((p) => ({ id: p.providerId, status: p.status, agreementId: p.agreementId, resources: p.resources })) },
    ...auditActor(ctx),
  });
  return { ...patientRecordView(result, names), access };
}
