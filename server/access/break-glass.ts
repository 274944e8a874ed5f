import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { breakGlassGrants } from '@/db/app/schema/break-glass-grants';
import type { TSignedInContext } from '@/server/api/trpc';
import { AppError } from '@/server/api/app-error';
import { CLINICIAN_ROLES } from '@/server/auth/roles';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { auditActor } from '@/server/audit/audit-actor';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { hasCareRelationship } from './care-relationship';

/** How long emergency access lasts before the clinician must give a reason again. */
export const BREAK_GLASS_MINUTES = 60;

export interface BreakGlassGrant {
  id: string;
  reason: string;
  startedAt: Date;
  expiresAt: Date;
}

/** The clinician's emergency access to this patient that is in force now, if any. */
export async function activeBreakGlass(db: Database, clinicianId: string, patientNationalId: string, now = new Date()): Promise<BreakGlassGrant | null> {
  const [grant] = await db
    .select({ id: breakGlassGrants.id, reason: breakGlassGrants.reason, startedAt: breakGlassGrants.startedAt, expiresAt: breakGlassGrants.expiresAt })
    .from(breakGlassGrants)
    .where(
      and(
        eq(breakGlassGrants.clinicianId, clinicianId),
        eq(breakGlassGrants.patientNationalId, patientNationalId),
        gt(breakGlassGrants.expiresAt, now),
        isNull(breakGlassGrants.endedAt),
      ),
    )
    .orderBy(desc(breakGlassGrants.expiresAt))
    .limit(1);
  return grant ?? null;
}

/**
 * Starts emergency access (purpose ETREAT) for a clinician to a patient outside their care. Refused to
 * a clinician who already cares for the patient (normal access applies) and to non-clinicians.
 * Audited as DICOM 110127 "Emergency Override Started", in the same transaction as the grant.
 */
export async function startBreakGlass(ctx: TSignedInContext, patientNationalId: string, reason: string): Promise<BreakGlassGrant> {
  if (!CLINICIAN_ROLES.includes(ctx.user.role)) throw new AppError('FORBIDDEN', 'Emergency access is for clinicians.');
  if (await hasCareRelationship(ctx.db, ctx.user.id, patientNationalId)) {
    throw new AppError('CONFLICT', 'This patient is in your care: emergency access is not needed.');
  }
  const existing = await activeBreakGlass(ctx.db, ctx.user.id, patientNationalId);
  if (existing) return existing;
  return ctx.db.transaction(async (tx) => {
    const startedAt = new Date();
    const expiresAt = new Date(startedAt.getTime() + BREAK_GLASS_MINUTES * 60_000);
    const [grant] = await tx
      .insert(breakGlassGrants)
      .values({ clinicianId: ctx.user.id, patientNationalId, reason, startedAt, expiresAt })
      .returning({ id: breakGlassGrants.id, reason: breakGlassGrants.reason, startedAt: breakGlassGrants.startedAt, expiresAt: breakGlassGrants.expiresAt });
    if (!grant) throw new Error('break-glass grant was not written');
    await recordAuditEvent(tx, {
      typeCode: AUDIT_TYPES.emergencyOverrideStarted,
      subtype: AUDIT_SUBTYPES.breakGlassStarted,
      action: AUDIT_ACTIONS.execute,
      outcome: AUDIT_OUTCOMES.success,
      outcomeDescription: reason,
      patientNationalId,
      purposeOfUse: 'ETREAT',
      entity: { type: 'BreakGlassGrant', id: grant.id, expiresAt: expiresAt.toISOString() },
      ...auditActor(ctx),
    });
    return grant;
  });
}

/** Ends the clinician's emergency access to the patient now; audited as DICOM 110128 "Emergency Override Stopped". */
export async function endBreakGlass(ctx: TSignedInContext, patientNationalId: string): Promise<{ ended: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const ended = await tx
      .update(breakGlassGrants)
      .set({ endedAt: new Date() })
      .where(
        and(
          eq(breakGlassGrants.clinicianId, ctx.user.id),
          eq(breakGlassGrants.patientNationalId, patientNationalId),
          gt(breakGlassGrants.expiresAt, new Date()),
          isNull(breakGlassGrants.endedAt),
        ),
      )
      .returning({ id: breakGlassGrants.id });
    if (ended.length === 0) return { ended: false };
    await recordAuditEvent(tx, {
      typeCode: AUDIT_TYPES.emergencyOverrideStopped,
      subtype: AUDIT_SUBTYPES.breakGlassEnded,
      action: AUDIT_ACTIONS.execute,
      outcome: AUDIT_OUTCOMES.success,
      patientNationalId,
      purposeOfUse: 'ETREAT',
      entity: { type: 'BreakGlassGrant', ids: ended.map((g) => g.id) },
      ...auditActor(ctx),
    });
    return { ended: true };
  });
}
