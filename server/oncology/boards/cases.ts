import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { TSignedInContext } from '@/server/api/trpc';
import { AppError } from '@/server/api/app-error';
import { tumourBoardCases, tumourBoardDecisions, tumourBoardFollowUps } from '@/db/app/schema/tumour-boards';
import { users } from '@/db/app/schema/users';
import { activeBreakGlass } from '@/server/access/break-glass';
import { hasCareRelationship } from '@/server/access/care-relationship';
import { assertPatientAccess } from '@/server/access/patient-access';
import { AUDIT_ACTIONS, AUDIT_SUBTYPES } from '@/server/audit/audit-codes';
import { recordUserAction } from '@/server/audit/record-user-action';
import { ROLES } from '@/server/auth/roles';
import { transitionRefusal, type CaseState } from './case-states';
import type { ChecklistItem } from './preparation-checklist';
import { sessionById } from './sessions';

const PURPOSE = 'TREAT';

/** Whether the caller may see who a case is about (care relationship or running emergency access); no audit, for lists. */
async function maySeePatient(ctx: TSignedInContext, nationalId: string): Promise<boolean> {
  if (ctx.user.role !== ROLES.oncologist) return false;
  return (await hasCareRelationship(ctx.db, ctx.user.id, nationalId)) || (await activeBreakGlass(ctx.db, ctx.user.id, nationalId)) !== null;
}

/** Nominates a patient in the caller's care to a session, with the question for the board. */
export async function nominateCase(ctx: TSignedInContext, input: { sessionId: string; nationalId: string; question: string; standardOfCare: boolean }) {
  await sessionById(ctx, input.sessionId);
  await assertPatientAccess(ctx, input.nationalId, PURPOSE);
  const [row] = await ctx.db
    .insert(tumourBoardCases)
    .values({ sessionId: input.sessionId, patientNationalId: input.nationalId, question: input.question, standardOfCare: input.standardOfCare, nominatedBy: ctx.user.id })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('CONFLICT', 'This patient is already on the agenda of this session.');
  await recordUserAction(ctx, { subtype: AUDIT_SUBTYPES.decision, action: AUDIT_ACTIONS.create, patientNationalId: input.nationalId, entity: { type: 'TumourBoardCase', id: row.id, sessionId: input.sessionId, standardOfCare: input.standardOfCare } });
  return row;
}

/**
 * The agenda of a session: every case with its state. Who a case is about is shown only to an
 * oncologist who may see that patient; others see that a case exists and its question's state.
 */
export async function casesOfSession(ctx: TSignedInContext, sessionId: string) {
  const rows = await ctx.db
    .select({ id: tumourBoardCases.id, patientNationalId: tumourBoardCases.patientNationalId, question: tumourBoardCases.question, standardOfCare: tumourBoardCases.standardOfCare, state: tumourBoardCases.state, nominatedByName: users.name, nominatedAt: tumourBoardCases.nominatedAt })
    .from(tumourBoardCases)
    .innerJoin(users, eq(users.id, tumourBoardCases.nominatedBy))
    .where(eq(tumourBoardCases.sessionId, sessionId))
    .orderBy(asc(tumourBoardCases.standardOfCare), asc(tumourBoardCases.nominatedAt));
  return Promise.all(
    rows.map(async (r) => {
      const visible = await maySeePatient(ctx, r.patientNationalId);
      return { ...r, patientNationalId: visible ? r.patientNationalId : null, question: visible ? r.question : null };
    }),
  );
}

/** A case by id, after the patient-access gate (audited when refused). */
export async function caseForPatientWork(ctx: TSignedInContext, caseId: string) {
  const [row] = await ctx.db.select().from(tumourBoardCases).where(eq(tumourBoardCases.id, caseId)).limit(1);
  if (!row) throw new AppError('NOT_FOUND', 'No such case.');
  const access = await assertPatientAccess(ctx, row.patientNationalId, PURPOSE);
  return { row, access };
}

/** What a transition is checked against, read inside the caller's transaction. */
async function transitionFacts(ctx: TSignedInContext, caseId: string) {
  const [final] = await ctx.db.select({ id: tumourBoardDecisions.id }).from(tumourBoardDecisions).where(and(eq(tumourBoardDecisions.caseId, caseId), eq(tumourBoardDecisions.status, 'final'))).limit(1);
  const [followUps] = await ctx.db.select({ n: count() }).from(tumourBoardFollowUps).where(eq(tumourBoardFollowUps.caseId, caseId));
  return { hasFinalDecision: final !== undefined, followUps: Number(followUps?.n ?? 0) };
}

/**
 * Moves a case to another state when the rules allow it (case-states.ts). Marking a case ready takes
 * the checklist computed from the record just read and the gaps the oncologist accepts.
 */
export async function changeCaseState(
  ctx: TSignedInContext,
  caseRow: typeof tumourBoardCases.$inferSelect,
  to: CaseState,
  checklist: { missing: readonly ChecklistItem[]; accepted: readonly ChecklistItem[] } | null,
) {
  const facts = await transitionFacts(ctx, caseRow.id);
  const refusal = transitionRefusal(caseRow.state, to, { checklistMissing: checklist?.missing ?? [], acceptedMissing: checklist?.accepted ?? [], standardOfCare: caseRow.standardOfCare, ...facts });
  if (refusal) throw new AppError('PRECONDITION_FAILED', refusal);
  const accepted = to === 'ready' ? (checklist?.missing ?? []).filter((m) => checklist?.accepted.includes(m)) : caseRow.acceptedMissing;
  // The WHERE on the old state makes two racing transitions end with one winner.
  const [row] = await ctx.db
    .update(tumourBoardCases)
    .set({ state: to, acceptedMissing: accepted, updatedAt: sql`now()` })
    .where(and(eq(tumourBoardCases.id, caseRow.id), eq(tumourBoardCases.state, caseRow.state)))
    .returning();
  if (!row) throw new AppError('CONFLICT', 'The case changed meanwhile; reload it.');
  await recordUserAction(ctx, { subtype: AUDIT_SUBTYPES.decision, action: AUDIT_ACTIONS.update, patientNationalId: caseRow.patientNationalId, entity: { type: 'TumourBoardCase', id: caseRow.id, from: caseRow.state, to, acceptedMissing: accepted } });
  return row;
}

/** The cases of a patient, newest first (for the record page's board section). */
export function casesOfPatient(ctx: TSignedInContext, nationalId: string) {
  return ctx.db.select().from(tumourBoardCases).where(eq(tumourBoardCases.patientNationalId, nationalId)).orderBy(desc(tumourBoardCases.nominatedAt)).limit(50);
}
