import type { Binary, Resource } from '@medplum/fhirtypes';
import type { TSignedInContext } from '@/server/api/trpc';
import { auditActor } from '@/server/audit/audit-actor';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { accessLogPage } from '@/server/consent/access-log/access-log-page';
import type { TAccessLogCursor } from '@/server/consent/access-log/access-log-entry';
import { ownNationalId, readOwnConsentHistory } from '@/server/consent/patient-consent';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import { RECORD_TYPES, type PatientSearch } from '@/server/dataspace/consumer/record-fan-out';
import { AUTHORITY_ID, WEB_APP_PARTICIPANT } from '@/server/dataspace/participants';
import { accessLogAuditEvent } from './access-log-audit-event';
import type { ExportedResource } from './export-bundle';

export const EXPORT_STAGES = ['record', 'consents', 'access-log'] as const;
export type ExportStage = (typeof EXPORT_STAGES)[number];

/** What the export stream carries: progress as each part arrives, the resources themselves, then a summary. */
export type ExportEvent =
  | { type: 'progress'; stage: ExportStage; holder: string; status: 'ok' | 'timeout' | 'unavailable' | 'denied'; resources: number; detail: string | null }
  | { type: 'resource'; item: ExportedResource }
  | { type: 'done'; total: number; byType: Record<string, number>; byHolder: Record<string, number>; at: string };

// One provider page is at most 200 matches (server/fhir/search-params.ts MAX_COUNT): read on with _offset.
const PAGE = 200;
const MAX_ROUNDS = 50;
const LOG_PAGE = 100;
const MAX_LOG_PAGES = 200;

/**
 * Assembles the signed-in patient's export (GDPR Art. 15 and 20; EHDS Art. 3): the record from every
 * provider holding it, every version of their Consent with its signed receipt, and their access log,
 * yielded part by part so the page shows progress while it is assembled. A provider that does not answer
 * is reported as such and the rest is still exported. Audited once, at the end, with what was exported.
 *
 * The record is read through the same fan-out as the record page (purpose TREAT, the patient named as
 * the professional): the providers do not serve a "patient access" purpose yet.
 */
export async function* assembleExport(ctx: TSignedInContext): AsyncGenerator<ExportEvent> {
  const nationalId = ownNationalId(ctx);
  const consumer = dataspaceConsumer(ctx.db);
  const seen = new Set<string>();
  const byType: Record<string, number> = {};
  const byHolder: Record<string, number> = {};
  const emit = (item: ExportedResource): ExportEvent | null => {
    if (seen.has(item.fullUrl)) return null;
    seen.add(item.fullUrl);
    byType[item.resource.resourceType] = (byType[item.resource.resourceType] ?? 0) + 1;
    byHolder[item.holder] = (byHolder[item.holder] ?? 0) + 1;
    return { type: 'resource', item };
  };

  // 1. The record, every type, page after page while some provider still fills a page.
  let types: readonly PatientSearch['type'][] = RECORD_TYPES;
  for (let round = 0; round < MAX_ROUNDS && types.length > 0; round++) {
    const offset = round * PAGE;
    const searches: PatientSearch[] = types.map((type) => ({ type, params: [type === 'Patient' ? null : '_sort=-date', offset ? `_offset=${offset}` : null].filter(Boolean).join('&'), count: PAGE }));
    const result = await consumer.patientRecord(nationalId, { userId: ctx.user.email, role: ctx.user.role, organisation: WEB_APP_PARTICIPANT.id, purpose: 'TREAT' }, searches);
    if (!result.locatorOk && round === 0) yield { type: 'progress', stage: 'record', holder: AUTHORITY_ID, status: 'unavailable', resources: 0, detail: result.locatorDetail };
    const counts = new Map<string, number>();
    for (const r of result.resources) {
      const key = `${r.source.providerId} ${r.resource.resourceType}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const event = emit({ resource: r.resource as Resource, fullUrl: r.source.fhirUrl ?? `urn:d4h:${r.source.providerId}:${r.resource.resourceType}/${r.resource.id ?? seen.size}`, holder: r.source.providerId });
      if (event) yield event;
    }
    for (const p of result.providers) yield { type: 'progress', stage: 'record', holder: p.providerId, status: p.status, resources: p.resources, detail: p.detail };
    types = types.filter((type) => type !== 'Patient' && [...counts].some(([key, n]) => key.endsWith(` ${type}`) && n >= PAGE));
  }

  // 2. Every version of the Consent, each with its receipt (a JWS the authority signed) as a Binary.
  const history = await readOwnConsentHistory(ctx);
  if (history.available) {
    let n = 0;
    for (const v of history.value) {
      const consentId = v.consent.id ?? `consent-${v.version}`;
      const consent = emit({ resource: { ...v.consent, id: consentId }, fullUrl: `urn:d4h:${AUTHORITY_ID}:Consent/${consentId}/_history/${v.version}`, holder: AUTHORITY_ID });
      if (consent) {
        n++;
        yield consent;
      }
      if (v.receipt) {
        const receipt: Binary = { resourceType: 'Binary', id: `receipt-${consentId}-${v.version}`.slice(0, 64), contentType: 'application/jose', securityContext: { reference: `Consent/${consentId}` }, data: Buffer.from(v.receipt).toString('base64') };
        const event = emit({ resource: receipt, fullUrl: `urn:d4h:${AUTHORITY_ID}:Binary/${receipt.id}`, holder: AUTHORITY_ID });
        if (event) {
          n++;
          yield event;
        }
      }
    }
    yield { type: 'progress', stage: 'consents', holder: AUTHORITY_ID, status: 'ok', resources: n, detail: null };
  } else {
    yield { type: 'progress', stage: 'consents', holder: AUTHORITY_ID, status: 'unavailable', resources: 0, detail: history.reason };
  }

  // 3. The access log, every entry, as AuditEvents.
  const person = { nationalId, userId: ctx.user.id };
  let cursor: TAccessLogCursor | null = null;
  let logged = 0;
  let authorityOk = true;
  for (let page = 0; page < MAX_LOG_PAGES; page++) {
    const part: Awaited<ReturnType<typeof accessLogPage>> = await accessLogPage(ctx.db, consumer, person, {}, cursor, LOG_PAGE);
    authorityOk &&= part.authority.ok;
    for (const entry of part.entries) {
      const event = emit({ resource: accessLogAuditEvent(entry, nationalId), fullUrl: `urn:d4h:access-log:${entry.key}`, holder: entry.source === 'app' ? WEB_APP_PARTICIPANT.id : entry.holderId });
      if (event) {
        logged++;
        yield event;
      }
    }
    cursor = part.nextCursor;
    if (!cursor) break;
  }
  yield { type: 'progress', stage: 'access-log', holder: AUTHORITY_ID, status: authorityOk ? 'ok' : 'unavailable', resources: logged, detail: null };

  const total = seen.size;
  await recordAuditEvent(ctx.db, {
    typeCode: AUDIT_TYPES.patientRecord,
    subtype: AUDIT_SUBTYPES.recordExport,
    action: AUDIT_ACTIONS.read,
    outcome: AUDIT_OUTCOMES.success,
    outcomeDescription: `${total} resources: ${Object.entries(byHolder).map(([h, n]) => `${h} ${n}`).join(', ')}`,
    patientNationalId: nationalId,
    purposeOfUse: 'PATRQT',
    entity: { type: 'Bundle', byType },
    ...auditActor(ctx),
  });
  yield { type: 'done', total, byType, byHolder, at: new Date().toISOString() };
}
