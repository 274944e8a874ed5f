import type { z } from 'zod';
import type { TSignedInContext } from '@/server/api/trpc';
import { inTransaction } from '@/server/api/in-transaction';
import { caseForPatientWork, casesOfSession, changeCaseState, nominateCase } from '@/server/oncology/boards/cases';
import { missingItems, preparationChecklist } from '@/server/oncology/boards/preparation-checklist';
import { sessionById } from '@/server/oncology/boards/sessions';
import { caseEvidence } from '@/server/oncology/cases/case-evidence';
import { caseTrials } from '@/server/oncology/cases/case-trials';
import { decisionVersions } from '@/server/oncology/decisions/decisions';
import { followUpsOf } from '@/server/oncology/decisions/follow-ups';
import { readPatientRecord } from '@/server/records/read-patient-record';
import type { ZCaseInputSchema, ZSetCaseStateInputSchema } from './cases.schema';
import type { ZNominateInputSchema } from './nominate.schema';

type Args<S extends z.ZodType> = { ctx: TSignedInContext; input: z.infer<S> };

export async function nominateHandler({ ctx, input }: Args<typeof ZNominateInputSchema>) {
  const row = await inTransaction(ctx, (tx) => nominateCase(tx, input));
  return { caseId: row.id };
}

/** The case page: the record merged from every provider (audited read), the checklist from it, the decisions. */
export async function casePageHandler({ ctx, input }: Args<typeof ZCaseInputSchema>) {
  const { row } = await caseForPatientWork(ctx, input.caseId);
  const [record, session, agenda, decisions, followUps] = await Promise.all([
    readPatientRecord(ctx, row.patientNationalId, 'TREAT'),
    sessionById(ctx, row.sessionId),
    casesOfSession(ctx, row.sessionId),
    decisionVersions(ctx, row.id),
    followUpsOf(ctx, row.id),
  ]);
  const { chairId, ...sessionSummary } = session;
  const evidence = caseEvidence(record);
  return {
    case: { id: row.id, patientNationalId: row.patientNationalId, question: row.question, standardOfCare: row.standardOfCare, state: row.state, acceptedMissing: row.acceptedMissing },
    session: { ...sessionSummary, isChair: chairId === ctx.user.id },
    agenda: agenda.filter((c) => c.patientNationalId !== null).map((c) => ({ id: c.id, patientNationalId: c.patientNationalId })),
    record,
    checklist: preparationChecklist(record),
    evidence,
    trials: caseTrials(record, record.patient, evidence),
    decisions,
    followUps: followUps.map(({ months, therapyGiven, response, adverseEvents, recordedAt }) => ({ months, therapyGiven, response, adverseEvents, recordedAt })),
  };
}

export async function setCaseStateHandler({ ctx, input }: Args<typeof ZSetCaseStateInputSchema>) {
  const { row } = await caseForPatientWork(ctx, input.caseId);
  // Ready is judged against the record as the providers hold it now, not as it was at nomination.
  const checklist = input.to === 'ready' ? { missing: missingItems(preparationChecklist(await readPatientRecord(ctx, row.patientNationalId, 'TREAT'))), accepted: input.acceptMissing } : null;
  const updated = await inTransaction(ctx, (tx) => changeCaseState(tx, row, input.to, checklist));
  return { state: updated.state };
}
