import { createRequestContext } from '@/server/api/context';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { EXPORT_FORMATS, exportResponse, type ExportFormat } from '@/server/consent/export/export-response';

/**
 * The signed-in patient's export (their own data only: the national id comes from the session).
 * `?format=stream` (default) or `bundle`. No session: 401; another role: 403; another format: 400.
 */
export async function GET(request: Request): Promise<Response> {
  const ctx = await createRequestContext(request);
  if (!ctx.user) return Response.json({ error: 'Please sign in.' }, { status: 401 });
  if (ctx.user.role !== 'patient' || !ctx.user.nationalId) {
    // A refused role is audited, as for a page or a procedure.
    await recordAuditEvent(ctx.db, { typeCode: AUDIT_TYPES.securityAlert, subtype: AUDIT_SUBTYPES.accessDenied, action: AUDIT_ACTIONS.read, outcome: AUDIT_OUTCOMES.minorFailure, outcomeDescription: `role ${ctx.user.role} may not export a record`, agent: { userId: ctx.user.id, role: ctx.user.role, organisation: ctx.user.organisation }, entity: { type: 'route', path: '/api/my-data/export' }, clientAddress: ctx.clientAddress, requestId: ctx.requestId });
    return Response.json({ error: 'The export is for patients, of their own record.' }, { status: 403 });
  }
  const format = new URL(request.url).searchParams.get('format') ?? 'stream';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) return Response.json({ error: `format must be one of ${EXPORT_FORMATS.join(', ')}` }, { status: 400 });
  return exportResponse({ ...ctx, user: ctx.user }, format as ExportFormat);
}
