import type { TSignedInContext } from '@/server/api/trpc';
import { patientsInCareOf } from '@/server/access/care-relationship';
import { auditActor } from '@/server/audit/audit-actor';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import { CARE_LIST_SEARCHES, careListRow } from '@/server/records/care-list';
import { cachedCareList } from '@/server/records/care-list-cache';
import type { TCareListRow } from '@/server/records/care-list-schema';

const PURPOSE = 'TREAT';

/**
 * "Patients in your care": the care relationships in force (app database, every call) → a light fan-out
 * per patient (purpose TREAT, the providers' consent decisions apply) → one row each, cached briefly
 * (server/records/care-list-cache.ts) → an audit event per patient whose data was read.
 */
export async function myPatientsHandler({ ctx }: { ctx: TSignedInContext }): Promise<TCareListRow[]> {
  const nationalIds = await patientsInCareOf(ctx.db, ctx.user.id);
  const area = ctx.user.role === 'oncologist' ? 'oncology' : 'diabetes';
  return cachedCareList(ctx.user.id, nationalIds, async () => {
    const consumer = dataspaceConsumer(ctx.db);
    const names = await consumer.directory
      .participants()
      .then((list) => new Map(list.map((p) => [p.id, p.legalName])))
      .catch(() => new Map<string, string>());
    return Promise.all(
      nationalIds.map(async (nationalId) => {
        const result = await consumer.patientRecord(nationalId, { userId: ctx.user.email, role: ctx.user.role, ...(ctx.user.organisation ? { organisation: ctx.user.organisation } : {}), purpose: PURPOSE }, CARE_LIST_SEARCHES);
        await recordAuditEvent(ctx.db, {
          typeCode: AUDIT_TYPES.patientRecord,
          subtype: AUDIT_SUBTYPES.search,
          action: AUDIT_ACTIONS.read,
          outcome: result.providers.some((p) => p.status === 'ok') || (result.locatorOk && result.providers.length === 0) ? AUDIT_OUTCOMES.success : AUDIT_OUTCOMES.minorFailure,
          outcomeDescription: `patient list: ${result.providers.map((p) => `${p.providerId}: ${p.status}`).join('; ') || (result.locatorOk ? 'no provider holds records' : 'record locator unavailable')}`,
          patientNationalId: nationalId,
          purposeOfUse: PURPOSE,
          entity: { type: 'Patient', providers: result.providers.map((p) => ({ id: p.providerId, status: p.status, agreementId: p.agreementId, resources: p.resources })) },
          ...auditActor(ctx),
        });
        return careListRow(result, area, names);
      }),
    );
  });
}
