import type { TSignedInContext } from '@/server/api/trpc';
import { patientsInCareOf } from '@/server/access/care-relationship';
import { practitionerFor } from '@/server/access/practitioner';
import { auditFanOut } from '@/server/audit/fan-out-audit';
import { AUDIT_SUBTYPES } from '@/server/audit/audit-codes';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import { legalNames } from '@/server/dataspace/consumer/legal-names';
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
    const names = await legalNames(consumer.directory);
    return Promise.all(
      nationalIds.map(async (nationalId) => {
        const result = await consumer.patientRecord(nationalId, practitionerFor(ctx, { purpose: PURPOSE, breakGlass: null }), CARE_LIST_SEARCHES);
        await auditFanOut(ctx, { result, purpose: PURPOSE, subtype: AUDIT_SUBTYPES.search, label: 'patient list' });
        return careListRow(result, area, names);
      }),
    );
  });
}
