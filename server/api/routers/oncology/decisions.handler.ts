import type { z } from 'zod';
import type { TSignedInContext } from '@/server/api/trpc';
import { AppError } from '@/server/api/app-error';
import { inTransaction } from '@/server/api/in-transaction';
import { assertPatientAccess } from '@/server/access/patient-access';
import { TUMOUR_BOARDS } from '@/server/oncology/boards/board-kinds';
import { caseForPatientWork, casesOfPatient, changeCaseState } from '@/server/oncology/boards/cases';
import { sessionById } from '@/server/oncology/boards/sessions';
import { decisionAsCarePlan } from '@/server/oncology/decisions/decision-fhir';
import { amendDecision, decisionVersions, finaliseDecision, saveDraft } from '@/server/oncology/decisions/decisions';
import { recordFollowUp } from '@/server/oncology/decisions/follow-ups';
import type { ZAmendDecisionInputSchema, ZFinaliseDecisionInputSchema, ZPatientDecisionsInputSchema, ZRecordFollowUpInputSchema, ZSaveDecisionInputSchema } from './decisions.schema';
import type { ZCaseInputSchema } from './cases.schema';

type Args<S extends z.ZodType> = { ctx: TSignedInContext; input: z.infer<S> };

async function withNames(ctx: TSignedInContext, caseId: string, id: string) {
  const found = (await decisionVersions(ctx, caseId)).find((v) => v.id === id);
  if (!found) throw new Error('saved decision not found');
  return found;
}

export async function saveDecisionHandler({ ctx, input }: Args<typeof ZSaveDecisionInputSchema>) {
  const { row } = await caseForPatientWork(ctx, input.caseId);
  return inTransaction(ctx, async (tx) => {
    const result = await saveDraft(tx, row, input.expectedRevision, input.content);
    return result.outcome === 'saved'
      ? { outcome: 'saved' as const, decision: await withNames(tx, row.id, result.decision.id) }
      : { outcome: 'conflict' as const, yours: result.yours, theirs: await withNames(tx, row.id, result.theirs.id) };
  });
}

/** Signs the draft as final and moves a ready case to discussed, in one transaction. */
export async function finaliseDecisionHandler({ ctx, input }: Args<typeof ZFinaliseDecisionInputSchema>) {
  const { row } = await caseForPatientWork(ctx, input.caseId);
  return inTransaction(ctx, async (tx) => {
    const final = await finaliseDecision(tx, row, input.revision);
    const state = row.state === 'ready' ? (await changeCaseState(tx, row, 'discussed', null)).state : row.state;
    return { version: final.version, contentHash: final.contentHash ?? '', state };
  });
}

export async function amendDecisionHandler({ ctx, input }: Args<typeof ZAmendDecisionInputSchema>) {
  const { row } = await caseForPatientWork(ctx, input.caseId);
  const amended = await inTransaction(ctx, (tx) => amendDecision(tx, row, input.reason));
  return { version: amended.version };
}

/** Records a follow-up; the first one moves a discussed case to follow-up. */
export async function recordFollowUpHandler({ ctx, input }: Args<typeof ZRecordFollowUpInputSchema>) {
  const { row } = await caseForPatientWork(ctx, input.caseId);
  const { caseId: _caseId, ...followUp } = input;
  return inTransaction(ctx, async (tx) => {
    await recordFollowUp(tx, row, followUp);
    const state = row.state === 'discussed' ? (await changeCaseState(tx, row, 'follow-up', null)).state : row.state;
    return { state };
  });
}

export async function decisionFhirHandler({ ctx, input }: Args<typeof ZCaseInputSchema>) {
  const { row } = await caseForPatientWork(ctx, input.caseId);
  const versions = await decisionVersions(ctx, row.id);
  const chosen = versions.filter((v) => v.status === 'final').at(-1) ?? versions.at(-1);
  if (!chosen) throw new AppError('NOT_FOUND', 'This case has no decision yet.');
  const session = await sessionById(ctx, row.sessionId);
  return decisionAsCarePlan(row.patientNationalId, TUMOUR_BOARDS[session.board].name.en, { ...chosen, caseId: row.id });
}

/** A patient's board cases and decisions, for the record page (same access gate as the record). */
export async function patientDecisionsHandler({ ctx, input }: Args<typeof ZPatientDecisionsInputSchema>) {
  await assertPatientAccess(ctx, input.nationalId, 'TREAT');
  const cases = await casesOfPatient(ctx, input.nationalId);
  return Promise.all(
    cases.map(async (c) => {
      const session = await sessionById(ctx, c.sessionId);
      const versions = await decisionVersions(ctx, c.id);
      const d = versions.filter((v) => v.status === 'final').at(-1) ?? versions.at(-1);
      return {
        caseId: c.id,
        board: session.board,
        scheduledAt: session.scheduledAt,
        question: c.question,
        state: c.state,
        decision: d ? { version: d.version, status: d.status, recommendations: d.content.recommendations.map((r) => r.text), signedByName: d.signedByName, signedAt: d.signedAt } : null,
      };
    }),
  );
}
