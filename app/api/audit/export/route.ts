import { createRequestContext } from '@/server/api/context';
import { ZAuditFiltersSchema } from '@/server/api/routers/audit/audit.schema';
import { ZProviderAccessFiltersSchema } from '@/server/api/routers/audit/providerAccesses.schema';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { auditExportBody, auditExportRows, type AuditExportFormat, type AuditExportSource } from '@/server/audit/search/audit-export';

/**
 * The steward's audit search as a file: `?source=app|providers&format=csv|json` plus the page's filters
 * as query parameters. Steward only (the authority's index admits its stewards alone); the export is audited.
 */
export async function GET(request: Request): Promise<Response> {
  const ctx = await createRequestContext(request);
  if (!ctx.user) return Response.json({ error: 'Please sign in.' }, { status: 401 });
  const user = ctx.user;
  const signedIn = { ...ctx, user };
  const audit = (outcome: (typeof AUDIT_OUTCOMES)[keyof typeof AUDIT_OUTCOMES], description: string, entity: Record<string, unknown>) =>
    recordAuditEvent(ctx.db, { typeCode: outcome === AUDIT_OUTCOMES.success ? AUDIT_TYPES.applicationActivity : AUDIT_TYPES.securityAlert, subtype: outcome === AUDIT_OUTCOMES.success ? AUDIT_SUBTYPES.search : AUDIT_SUBTYPES.accessDenied, action: AUDIT_ACTIONS.read, outcome, outcomeDescription: description, agent: { userId: user.id, role: user.role, organisation: user.organisation }, entity, clientAddress: ctx.clientAddress, requestId: ctx.requestId });
  if (user.role !== 'steward') {
    await audit(AUDIT_OUTCOMES.minorFailure, `role ${user.role} may not export the audit trail`, { type: 'route', path: '/api/audit/export' });
    return Response.json({ error: 'This needs the steward role.' }, { status: 403 });
  }
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { source = 'app', format = 'csv', ...rest } = params;
  if (source !== 'app' && source !== 'providers') return Response.json({ error: 'source must be app or providers' }, { status: 400 });
  if (format !== 'csv' && format !== 'json') return Response.json({ error: 'format must be csv or json' }, { status: 400 });
  const filters = (source === 'app' ? ZAuditFiltersSchema : ZProviderAccessFiltersSchema).safeParse(rest);
  if (!filters.success) return Response.json({ error: 'invalid filters', issues: filters.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }, { status: 400 });
  const { rows, truncated, detail } = await auditExportRows(signedIn, source as AuditExportSource, filters.data);
  if (detail) return Response.json({ error: `the authority's access index did not answer: ${detail}` }, { status: 502 });
  await audit(AUDIT_OUTCOMES.success, `audit export: ${rows.length} rows of ${source} as ${format}${truncated ? ' (truncated)' : ''}`, { type: 'AuditExport', source, format, filters: filters.data });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(auditExportBody(source as AuditExportSource, format as AuditExportFormat, rows), {
    headers: {
      'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="audit-${source}-${day}.${format}"`,
      'cache-control': 'no-store',
      ...(truncated ? { 'x-truncated': 'true' } : {}),
    },
  });
}
