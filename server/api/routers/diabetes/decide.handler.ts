import type { TSignedInContext } from '@/server/api/trpc';
import { auditActor } from '@/server/audit/audit-actor';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { storeDecision } from '@/server/diabetes/recommendation/decisions';
import { loadRecommendation } from './load-recommendation';
import type { TDecideInput, TDecideOutput } from './decide.schema';

/**
 * Accept an option or override it with a reason. The recommendation is computed again here, so the
 * stored basis is the server's, not what a client claims it saw; the decision and its audit event are
 * written in one transaction, and a retried submit (same idempotency key) returns the first.
 */
export async function decideHandler({ ctx, input }: { ctx: TSignedInContext; input: TDecideInput }): Promise<TDecideOutput> {
  const { view, access } = await loadRecommendation(ctx, input.nationalId, input.priority);
  const note = input.note && input.note.length > 0 ? input.note : null;
  const { row, replayed } = await storeDecision(
    ctx.db,
    view,
    { clinician: { id: ctx.user.id, email: ctx.user.email }, idempotencyKey: input.idempotencyKey, action: input.action, chosenClass: input.chosenClass, overrideReason: input.overrideReason, note },
    (tx, stored) =>
      recordAuditEvent(tx, {
        typeCode: AUDIT_TYPES.applicationActivity,
        subtype: AUDIT_SUBTYPES.decision,
        action: AUDIT_ACTIONS.create,
        outcome: AUDIT_OUTCOMES.success,
        outcomeDescription: `diabetes therapy ${stored.action}: ${stored.chosenClass ?? 'no change'} (first option ${stored.topClass ?? 'none'})${stored.overrideReason ? `, reason ${stored.overrideReason}` : ''}`,
        patientNationalId: input.nationalId,
        purposeOfUse: access.purpose,
        entity: { type: 'GuidanceResponse', id: stored.id, modelVersion: stored.modelVersion, modelSha256: stored.modelSha256, ruleSetVersion: stored.ruleSetVersion },
        ...auditActor(ctx),
      }),
  );
  return { id: row.id, replayed, decidedAt: row.decidedAt };
}
