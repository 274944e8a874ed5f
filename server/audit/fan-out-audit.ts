import type { TSignedInContext } from '@/server/api/trpc';
import type { FanOutResult } from '@/server/dataspace/consumer/record-fan-out';
import { auditActor } from './audit-actor';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_TYPES, type AuditSubtype } from './audit-codes';
import { recordAuditEvent } from './record-audit-event';

/**
 * The audit event of one read of a patient across the providers: every provider asked, what it
 * answered and under which agreement. A success when some provider answered (or none holds the
 * patient); `label` says which page read it, `extra` adds what the page did with the data.
 */
export function auditFanOut(
  ctx: TSignedInContext,
  read: { result: FanOutResult; purpose: string; subtype: AuditSubtype; label?: string; extra?: { description: string; entity: Record<string, unknown> } },
) {
  const { result } = read;
  const answers = result.locatorOk ? result.providers.map((p) => `${p.providerId}: ${p.status}`).join('; ') || 'no provider holds records' : `record locator unavailable: ${result.locatorDetail ?? ''}`;
  return recordAuditEvent(ctx.db, {
    typeCode: AUDIT_TYPES.patientRecord,
    subtype: read.subtype,
    action: AUDIT_ACTIONS.read,
    outcome: result.providers.some((p) => p.status === 'ok') || (result.locatorOk && result.providers.length === 0) ? AUDIT_OUTCOMES.success : AUDIT_OUTCOMES.minorFailure,
    outcomeDescription: `${read.label ? `${read.label}: ` : ''}${answers}${read.extra ? `; ${read.extra.description}` : ''}`,
    patientNationalId: result.nationalId,
    purposeOfUse: read.purpose,
    entity: { type: 'Patient', providers: result.providers.map((p) => ({ id: p.providerId, status: p.status, agreementId: p.agreementId, resources: p.resources })), ...read.extra?.entity },
    ...auditActor(ctx),
  });
}
