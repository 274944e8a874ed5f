import type { TSignedInContext } from '@/server/api/trpc';
import { recordAuditEvent } from './record-audit-event';
import { auditActor } from './audit-actor';
import { AUDIT_OUTCOMES, AUDIT_TYPES, type AuditAction, type AuditSubtype } from './audit-codes';

/** Audits a change a signed-in user made successfully (user accounts, care relationships, decisions). */
export function recordUserAction(
  ctx: TSignedInContext,
  change: { subtype: AuditSubtype; action: AuditAction; entity: Record<string, unknown>; patientNationalId?: string | null },
) {
  return recordAuditEvent(ctx.db, {
    typeCode: AUDIT_TYPES.applicationActivity,
    outcome: AUDIT_OUTCOMES.success,
    ...change,
    ...auditActor(ctx),
  });
}
