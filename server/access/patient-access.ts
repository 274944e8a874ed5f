import type { TSignedInContext } from '@/server/api/trpc';
import { AppError } from '@/server/api/app-error';
import { CLINICIAN_ROLES } from '@/server/auth/roles';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { auditActor } from '@/server/audit/audit-actor';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { hasCareRelationship } from './care-relationship';

/**
 * The one gate every read of a patient's data passes after the role check: a clinician needs a care
 * relationship in force; a patient may see only their own data. A refusal is audited and answered with
 * a generic message. Consent is decided later, by the data holder.
 */
export async function assertPatientAccess(ctx: TSignedInContext, patientNationalId: string, purposeOfUse: string): Promise<void> {
  const allowed =
    ctx.user.role === 'patient'
      ? ctx.user.nationalId === patientNationalId
      : CLINICIAN_ROLES.includes(ctx.user.role) && (await hasCareRelationship(ctx.db, ctx.user.id, patientNationalId));
  if (allowed) return;
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
