import type { TSignedInContext } from '@/server/api/trpc';
import { listEventsHandler } from '@/server/api/routers/audit/listEvents.handler';
import type { TAuditFilters } from '@/server/api/routers/audit/audit.schema';
import { providerAccessQuery } from '@/server/api/routers/audit/providerAccesses.handler';
import type { TProviderAccessFilters } from '@/server/api/routers/audit/providerAccesses.schema';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import { toCsv } from './csv';
import { providerAccessSearch } from './provider-access-search';

/** At most this many rows per export file: a steward narrows the filters for more. */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

export type AuditExportSource = 'app' | 'providers';
export type AuditExportFormat = 'csv' | 'json';

/** Every row of the app's audit trail, or of the providers' accesses, that the filters match (newest first). */
export async function auditExportRows(ctx: TSignedInContext, source: AuditExportSource, filters: TAuditFilters | TProviderAccessFilters): Promise<{ rows: Array<Record<string, unknown>>; truncated: boolean; detail: string | null }> {
  const rows: Array<Record<string, unknown>> = [];
  if (source === 'app') {
    let cursor: number | null = null;
    do {
      const page: Awaited<ReturnType<typeof listEventsHandler>> = await listEventsHandler({ ctx, input: { cursor, limit: 200, filters: filters as TAuditFilters } });
      rows.push(...page.events);
      cursor = page.nextCursor;
    } while (cursor && rows.length < AUDIT_EXPORT_MAX_ROWS);
    return { rows: rows.slice(0, AUDIT_EXPORT_MAX_ROWS), truncated: cursor !== null, detail: null };
  }
  let cursor: { beforeRecorded: string; beforeId: string } | null = null;
  do {
    const page = await providerAccessSearch(ctx.db, dataspaceConsumer(ctx.db), { userId: ctx.user.id }, { ...providerAccessQuery(filters as TProviderAccessFilters), ...(cursor ?? {}), limit: 500 });
    if (!page.ok) return { rows, truncated: true, detail: page.detail };
    rows.push(...page.rows.map((r) => ({ ...r, recorded: new Date(r.recorded).toISOString() })));
    cursor = page.nextCursor;
  } while (cursor && rows.length < AUDIT_EXPORT_MAX_ROWS);
  return { rows: rows.slice(0, AUDIT_EXPORT_MAX_ROWS), truncated: cursor !== null, detail: null };
}

/** The rows as a CSV file (columns: every field of the first row's kind, in a fixed order) or JSON. */
export function auditExportBody(source: AuditExportSource, format: AuditExportFormat, rows: Array<Record<string, unknown>>): string {
  if (format === 'json') return JSON.stringify({ source, exportedAt: new Date().toISOString(), rows }, null, 1);
  const columns = source === 'app' ? ['seq', 'recorded', 'typeCode', 'subtype', 'action', 'outcome', 'outcomeDescription', 'agentName', 'agentEmail', 'agentRole', 'agentOrganisation', 'attemptedEmail', 'patientNationalId', 'purposeOfUse', 'clientAddress', 'hash'] : ['recorded', 'providerId', 'patientNationalId', 'professional', 'professionalName', 'professionalRole', 'organisation', 'purpose', 'outcome', 'action', 'dataCategories', 'agreementId', 'detail', 'id'];
  return toCsv(
    columns,
    rows.map((r) => columns.map((c) => { const v = r[c]; return Array.isArray(v) ? v.join(' ') : (v as string | number | null | undefined); })),
  );
}
