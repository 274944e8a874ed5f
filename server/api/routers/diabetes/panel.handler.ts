import type { TSignedInContext } from '@/server/api/trpc';
import { patientsInCareOf } from '@/server/access/care-relationship';
import { auditActor } from '@/server/audit/audit-actor';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import { panelRow } from '@/server/diabetes/panel/panel-row';
import { DIABETES_PANEL_SEARCHES } from '@/server/diabetes/panel/panel-searches';
import { queryPanel } from '@/server/diabetes/panel/query-panel';
import { lastReviews } from '@/server/diabetes/recommendation/decisions';
import type { TPanelInput, TPanelOutput } from './panel.schema';

const PURPOSE = 'TREAT';

/**
 * The endocrinologist's panel: patients in care (app database, every call) → a light fan-out per patient
 * (purpose TREAT; the providers' consent decisions apply) → one row each with care gaps → an audit event
 * per patient read → search, filter, sort and page.
 */
export async function panelHandler({ ctx, input }: { ctx: TSignedInContext; input: TPanelInput }): Promise<TPanelOutput> {
  const started = performance.now();
  const nationalIds = await patientsInCareOf(ctx.db, ctx.user.id);
  const consumer = dataspaceConsumer(ctx.db);
  const [names, reviews] = await Promise.all([
    nationalIds.length === 0
      ? new Map<string, string>()
      : consumer.directory
          .participants()
          .then((list) => new Map(list.map((p) => [p.id, p.legalName])))
          .catch(() => new Map<string, string>()),
    lastReviews(ctx.db, nationalIds),
  ]);
  const now = new Date();
  const rows = await Promise.all(
    nationalIds.map(async (nationalId) => {
      const result = await consumer.patientRecord(nationalId, { userId: ctx.user.email, role: ctx.user.role, ...(ctx.user.organisation ? { organisation: ctx.user.organisation } : {}), purpose: PURPOSE }, DIABETES_PANEL_SEARCHES);
      await recordAuditEvent(ctx.db, {
        typeCode: AUDIT_TYPES.patientRecord,
        subtype: AUDIT_SUBTYPES.search,
        action: AUDIT_ACTIONS.read,
        outcome: result.providers.some((p) => p.status === 'ok') || (result.locatorOk && result.providers.length === 0) ? AUDIT_OUTCOMES.success : AUDIT_OUTCOMES.minorFailure,
        outcomeDescription: `diabetes panel: ${result.providers.map((p) => `${p.providerId}: ${p.status}`).join('; ') || (result.locatorOk ? 'no provider holds records' : 'record locator unavailable')}`,
        patientNationalId: nationalId,
        purposeOfUse: PURPOSE,
        entity: { type: 'Patient', providers: result.providers.map((p) => ({ id: p.providerId, status: p.status, agreementId: p.agreementId, resources: p.resources })) },
        ...auditActor(ctx),
      });
      return panelRow(result, names, reviews.get(nationalId) ?? null, now);
    }),
  );
  return { ...queryPanel(rows, input ?? {}, now), inCare: nationalIds.length, elapsedMs: Math.round(performance.now() - started) };
}
