import type { TSignedInContext } from '@/server/api/trpc';
import { AppError } from '@/server/api/app-error';
import { CLINICIAN_ROLES } from '@/server/auth/roles';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { auditActor } from '@/server/audit/audit-actor';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { hasCareRelationship } from './care-relationship';
import { activeBreakGlass } from './break-glass';

/** On what ground the caller may read the patient's data, and so the purpose the providers are told. */
export type TPatientAccess =
  | { basis: 'care-relationship' | 'own-record'; purpose: string; breakGlass: null }
  | { basis: 'break-glass'; purpose: 'ETREAT'; breakGlass: { reason: string; expiresAt: Date } };

/**
 * The one gate every read of a patient's data passes after the role check: a clinician needs a care
 * relationship in force, or emergency access they started with a reason (purpose becomes ETREAT);
 * a patient may see only their own data. A refusal is audited and answered with a generic message.
 * Consent is decided later, by the data holder.
 */
export async function assertPatientAccess(ctx: TSignedInContext, patientNationalId: string, purposeOfUse: string): Promise<TPatientAccess> {
  if (ctx.user.role === 'patient' && ctx.user.nationalId === patientNationalId) return { basis: 'own-record', purpose: purposeOfUse, breakGlass: null };
  if (CLINICIAN_ROLES.includes(ctx.user.role)) {
    if (await hasCareRelationship(ctx.db, ctx.user.id, patientNationalId)) return { basis: 'care-relationship', purpose: purposeOfUse, breakGlass: null };
    const grant = await activeBreakGlass(ctx.db, ctx.user.id, patientNationalId);
    if (grant) return { basis: 'break-glass', purpose: 'ETREAT', breakGlass: { reason: grant.reason, expiresAt: grant.expiresAt } };
  }
  await recordAuditEvent(ctx.db, {
    typeCode: AUDIT_TYPES.securityAlert,
    subtype: AUDIT_SUBTYPES.accessDenied,
    action: AUDIT_ACTIONS.read,
    outcome: AUDIT_OUTCOMES.minorFailure,
    outcomeDescription: 'no care relationship',
    patientNationalId,
    purposeOfUse,
    entity: { type: 'Patient' },
    ...auditActor(ctx),
  });
  throw new AppError('FORBIDDEN', 'You do not have access to this patient.');
}
