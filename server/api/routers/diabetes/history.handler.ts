import type { TSignedInContext } from '@/server/api/trpc';
import { assertPatientAccess } from '@/server/access/patient-access';
import { decisionHistory } from '@/server/diabetes/recommendation/decisions';
import { ZHistoryEntrySchema } from './history.schema';
import type { THistoryInput, THistoryOutput } from './history.schema';

/** A patient's therapy decisions, newest first; the same access gate as the record (care relationship or break-glass). */
export async function historyHandler({ ctx, input }: { ctx: TSignedInContext; input: THistoryInput }): Promise<THistoryOutput> {
  await assertPatientAccess(ctx, input.nationalId, 'TREAT');
  const rows = await decisionHistory(ctx.db, input.nationalId);
  return rows.map(({ decision: d, clinicianEmail, clinicianName }) =>
    ZHistoryEntrySchema.parse({
      id: d.id,
      decidedAt: d.decidedAt,
      clinician: { name: clinicianName, email: clinicianEmail },
      action: d.action,
      chosenClass: d.chosenClass,
      topClass: d.topClass,
      overrideReason: d.overrideReason,
      note: d.note,
      priority: d.priority,
      modelVersion: d.modelVersion,
      modelSha256: d.modelSha256,
      ruleSetVersion: d.ruleSetVersion,
      resource: d.resource,
    }),
  );
}
