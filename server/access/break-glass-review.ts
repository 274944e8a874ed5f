import { desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { breakGlassGrants } from '@/db/app/schema/break-glass-grants';
import { breakGlassReviews } from '@/db/app/schema/break-glass-reviews';
import { users } from '@/db/app/schema/users';
import type { TSignedInContext } from '@/server/api/trpc';
import { AppError } from '@/server/api/app-error';
import { auditActor } from '@/server/audit/audit-actor';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { recordAuditEvent } from '@/server/audit/record-audit-event';

export const REVIEW_VERDICTS = ['justified', 'flagged'] as const;
export type ReviewVerdict = (typeof REVIEW_VERDICTS)[number];
export const QUEUE_VIEWS = ['pending', 'reviewed', 'all'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

/**
 * The steward's emergency-access review queue: every break-glass grant, newest first, with the
 * clinician, the patient, the reason, its time window and state, and the review if there is one.
 */
export async function breakGlassQueue(db: Database, view: QueueView, limit: number, now = new Date()) {
  const rows = await db
    .select({
      id: breakGlassGrants.id,
      patientNationalId: breakGlassGrants.patientNationalId,
      reason: breakGlassGrants.reason,
      startedAt: breakGlassGrants.startedAt,
      expiresAt: breakGlassGrants.expiresAt,
      endedAt: breakGlassGrants.endedAt,
      clinicianName: users.name,
      clinicianEmail: users.email,
      clinicianRole: users.role,
      clinicianOrganisation: users.organisation,
      verdict: breakGlassReviews.verdict,
      comment: breakGlassReviews.comment,
      reviewedAt: breakGlassReviews.reviewedAt,
      reviewerId: breakGlassReviews.reviewerId,
    })
    .from(breakGlassGrants)
    .innerJoin(users, eq(users.id, breakGlassGrants.clinicianId))
    .leftJoin(breakGlassReviews, eq(breakGlassReviews.grantId, breakGlassGrants.id))
    .where(view === 'pending' ? isNull(breakGlassReviews.grantId) : view === 'reviewed' ? isNotNull(breakGlassReviews.grantId) : undefined)
    .orderBy(desc(breakGlassGrants.startedAt))
    .limit(limit);
  const reviewerIds = [...new Set(rows.flatMap((r) => (r.reviewerId ? [r.reviewerId] : [])))];
  const reviewers = new Map(reviewerIds.length ? (await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, reviewerIds))).map((r) => [r.id, r.name]) : []);
  return rows.map((r) => ({
    id: r.id,
    patientNationalId: r.patientNationalId,
    reason: r.reason,
    startedAt: r.startedAt,
    expiresAt: r.expiresAt,
    endedAt: r.endedAt,
    state: r.endedAt ? ('ended' as const) : r.expiresAt <= now ? ('expired' as const) : ('active' as const),
    clinician: { name: r.clinicianName, email: r.clinicianEmail, role: r.clinicianRole, organisation: r.clinicianOrganisation },
    review: r.verdict && r.reviewedAt ? { verdict: r.verdict, comment: r.comment ?? '', reviewedAt: r.reviewedAt, reviewer: (r.reviewerId && reviewers.get(r.reviewerId)) ?? null } : null,
  }));
}

/**
 * A steward's verdict on one emergency access, with a comment; written with its audit event in one
 * transaction (the event names the patient, so the review shows in their access log too). A grant is
 * reviewed once: a second review is a CONFLICT, nothing written.
 */
export async function reviewBreakGlass(ctx: TSignedInContext, input: { grantId: string; verdict: ReviewVerdict; comment: string }) {
  return ctx.db.transaction(async (tx) => {
    const [grant] = await tx.select({ id: breakGlassGrants.id, patient: breakGlassGrants.patientNationalId }).from(breakGlassGrants).where(eq(breakGlassGrants.id, input.grantId));
    if (!grant) throw new AppError('NOT_FOUND', 'There is no such emergency access.');
    const written = await tx.insert(breakGlassReviews).values({ grantId: grant.id, reviewerId: ctx.user.id, verdict: input.verdict, comment: input.comment }).onConflictDoNothing().returning({ reviewedAt: breakGlassReviews.reviewedAt });
    const review = written[0];
    if (!review) throw new AppError('CONFLICT', 'This emergency access has already been reviewed.');
    await recordAuditEvent(tx, {
      typeCode: AUDIT_TYPES.applicationActivity,
      subtype: AUDIT_SUBTYPES.breakGlassReviewed,
      action: AUDIT_ACTIONS.create,
      outcome: AUDIT_OUTCOMES.success,
      outcomeDescription: `${input.verdict}: ${input.comment}`,
      patientNationalId: grant.patient,
      entity: { type: 'BreakGlassGrant', id: grant.id, verdict: input.verdict },
      ...auditActor(ctx),
    });
    return { grantId: grant.id, verdict: input.verdict, reviewedAt: review.reviewedAt };
  });
}
