import type { TSignedInContext } from '@/server/api/trpc';
import { patientsInCareOf } from '@/server/access/care-relationship';
import { practitionerFor } from '@/server/access/practitioner';
import { AUDIT_SUBTYPES } from '@/server/audit/audit-codes';
import { auditFanOut } from '@/server/audit/fan-out-audit';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import { legalNames } from '@/server/dataspace/consumer/legal-names';
import { mapLimited } from '@/server/diabetes/panel/map-limited';
import { panelRow } from '@/server/diabetes/panel/panel-row';
import { DIABETES_PANEL_SEARCHES } from '@/server/diabetes/panel/panel-searches';
import { queryPanel } from '@/server/diabetes/panel/query-panel';
import { lastReviews } from '@/server/diabetes/recommendation/decisions';
import type { TPanelInput, TPanelOutput } from './panel.schema';

const PURPOSE = 'TREAT';
/** Patients read at once: enough to overlap the providers' latency, few enough not to flood them. */
const PANEL_CONCURRENCY = 8;

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
    nationalIds.length === 0 ? new Map<string, string>() : legalNames(consumer.directory),
    lastReviews(ctx.db, nationalIds),
  ]);
  const now = new Date();
  const rows = await mapLimited(nationalIds, PANEL_CONCURRENCY, async (nationalId) => {
    const result = await consumer.patientRecord(nationalId, practitionerFor(ctx, { purpose: PURPOSE, breakGlass: null }), DIABETES_PANEL_SEARCHES);
    await auditFanOut(ctx, { result, purpose: PURPOSE, subtype: AUDIT_SUBTYPES.search, label: 'diabetes panel' });
    return panelRow(result, names, reviews.get(nationalId) ?? null, now);
  });
  return { ...queryPanel(rows, input ?? {}, now), inCare: nationalIds.length, elapsedMs: Math.round(performance.now() - started) };
}
