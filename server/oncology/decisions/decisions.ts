import { createHash } from 'node:crypto';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { TSignedInContext } from '@/server/api/trpc';
import { AppError } from '@/server/api/app-error';
import type { tumourBoardCases} from '@/db/app/schema/tumour-boards';
import { tumourBoardDecisions } from '@/db/app/schema/tumour-boards';
import { users } from '@/db/app/schema/users';
import { AUDIT_ACTIONS, AUDIT_SUBTYPES } from '@/server/audit/audit-codes';
import { canonicalJson } from '@/server/audit/canonical-json';
import { recordUserAction } from '@/server/audit/record-user-action';
import { missingForQuorum, TUMOUR_BOARDS } from '@/server/oncology/boards/board-kinds';
import { sessionById } from '@/server/oncology/boards/sessions';
import type { TDecisionContent } from './decision-content';

type CaseRow = typeof tumourBoardCases.$inferSelect;
export type DecisionRow = typeof tumourBoardDecisions.$inferSelect;

/** Every version of a case's decision, oldest first, with the names of who last edited and who signed. */
export async function decisionVersions(ctx: TSignedInContext, caseId: string) {
  const rows = await ctx.db.select().from(tumourBoardDecisions).where(eq(tumourBoardDecisions.caseId, caseId)).orderBy(asc(tumourBoardDecisions.version));
  const ids = [...new Set(rows.flatMap((r) => [r.updatedBy, r.signedBy]).filter((id): id is string => id !== null))];
  const names = new Map<string, string>();
  for (const id of ids) {
    const [u] = await ctx.db.select({ name: users.name }).from(users).where(eq(users.id, id)).limit(1);
    if (u) names.set(id, u.name);
  }
  return rows.map((r) => ({ ...r, updatedByName: names.get(r.updatedBy) ?? null, signedByName: r.signedBy ? (names.get(r.signedBy) ?? null) : null }));
}

async function latest(ctx: TSignedInContext, caseId: string): Promise<DecisionRow | undefined> {
  const [row] = await ctx.db.select().from(tumourBoardDecisions).where(eq(tumourBoardDecisions.caseId, caseId)).orderBy(desc(tumourBoardDecisions.version)).limit(1);
  return row;
}

/** A save that lost a race: the caller's content and the version that landed first. */
async function conflictWithLatest(ctx: TSignedInContext, caseId: string, yours: TDecisionContent): Promise<TSaveOutcome> {
  const theirs = await latest(ctx, caseId);
  if (!theirs) throw new Error('decision vanished');
  return { outcome: 'conflict', yours, theirs };
}

export type TSaveOutcome = { outcome: 'saved'; decision: DecisionRow } | { outcome: 'conflict'; yours: TDecisionContent; theirs: DecisionRow };

/**
 * Saves the case's draft. The first save creates version 1 (expectedRevision null); every later save
 * names the revision it was edited from, and if someone saved in between nothing is overwritten: the
 * caller gets both versions to reconcile (optimistic concurrency, the "lost update" problem).
 */
export async function saveDraft(ctx: TSignedInContext, caseRow: CaseRow, expectedRevision: number | null, content: TDecisionContent): Promise<TSaveOutcome> {
  if (caseRow.standardOfCare) throw new AppError('PRECONDITION_FAILED', 'A standard-of-care case is listed without discussion and has no board decision.');
  const current = await latest(ctx, caseRow.id);
  if (current?.status === 'final') throw new AppError('PRECONDITION_FAILED', 'The decision is final and locked; amend it to change it.');
  if (!current) {
    if (expectedRevision !== null) throw new AppError('CONFLICT', 'There is no draft at that revision.');
    const [row] = await ctx.db.insert(tumourBoardDecisions).values({ caseId: caseRow.id, version: 1, status: 'draft', content, updatedBy: ctx.user.id }).onConflictDoNothing().returning();
    if (!row) return conflictWithLatest(ctx, caseRow.id, content);
    await audit(ctx, caseRow, row, AUDIT_ACTIONS.create);
    return { outcome: 'saved', decision: row };
  }
  if (expectedRevision === null || expectedRevision !== current.revision) return { outcome: 'conflict', yours: content, theirs: current };
  const [row] = await ctx.db
    .update(tumourBoardDecisions)
    .set({ content, revision: sql`${tumourBoardDecisions.revision} + 1`, updatedBy: ctx.user.id, updatedAt: sql`now()` })
    .where(and(eq(tumourBoardDecisions.id, current.id), eq(tumourBoardDecisions.status, 'draft'), eq(tumourBoardDecisions.revision, expectedRevision)))
    .returning();
  if (!row) return conflictWithLatest(ctx, caseRow.id, content);
  await audit(ctx, caseRow, row, AUDIT_ACTIONS.update);
  return { outcome: 'saved', decision: row };
}

/** The hash a signature covers: the case, the version and the canonical content. */
export function decisionHash(caseId: string, version: number, content: TDecisionContent): string {
  return createHash('sha256').update(canonicalJson({ caseId, version, content })).digest('hex');
}

/**
 * Finalises the draft: only the session's chair, only at the revision they read, only with a quorum
 * of the board's disciplines among the attendees and at least one recommendation. The final version
 * is signed (hash of its content) and never written again.
 */
export async function finaliseDecision(ctx: TSignedInContext, caseRow: CaseRow, revision: number) {
  const session = await sessionById(ctx, caseRow.sessionId);
  if (session.chairId !== ctx.user.id) throw new AppError('FORBIDDEN', `Only the chair (${session.chairName}) signs a final decision.`);
  if (caseRow.state !== 'ready' && caseRow.state !== 'discussed' && caseRow.state !== 'follow-up') throw new AppError('PRECONDITION_FAILED', 'Mark the case ready before the board decides.');
  const current = await latest(ctx, caseRow.id);
  if (!current || current.status !== 'draft') throw new AppError('PRECONDITION_FAILED', 'There is no draft to finalise.');
  if (current.revision !== revision) throw new AppError('CONFLICT', 'The draft changed since you read it; review it before finalising.');
  const missing = missingForQuorum(session.board, current.content.attendees);
  if (missing.length > 0) throw new AppError('PRECONDITION_FAILED', `No quorum: ${TUMOUR_BOARDS[session.board].name.en} needs ${missing.join(', ')} among the attendees.`);
  if (current.content.recommendations.length === 0) throw new AppError('PRECONDITION_FAILED', 'A final decision states at least one recommendation.');
  const [row] = await ctx.db
    .update(tumourBoardDecisions)
    .set({ status: 'final', signedBy: ctx.user.id, signedAt: sql`now()`, contentHash: decisionHash(caseRow.id, current.version, current.content) })
    .where(and(eq(tumourBoardDecisions.id, current.id), eq(tumourBoardDecisions.status, 'draft'), eq(tumourBoardDecisions.revision, revision)))
    .returning();
  if (!row) throw new AppError('CONFLICT', 'The draft changed since you read it; review it before finalising.');
  await audit(ctx, caseRow, row, AUDIT_ACTIONS.update, { signed: true, contentHash: row.contentHash });
  return row;
}

/** Opens an amendment of the final decision: a new draft version carrying the final content and the reason. */
export async function amendDecision(ctx: TSignedInContext, caseRow: CaseRow, reason: string) {
  const current = await latest(ctx, caseRow.id);
  if (!current || current.status !== 'final') throw new AppError('PRECONDITION_FAILED', 'Only a final decision is amended; edit the draft instead.');
  const [row] = await ctx.db
    .insert(tumourBoardDecisions)
    .values({ caseId: caseRow.id, version: current.version + 1, status: 'draft', content: current.content, amendmentReason: reason, updatedBy: ctx.user.id })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('CONFLICT', 'Someone opened an amendment meanwhile; reload the case.');
  await audit(ctx, caseRow, row, AUDIT_ACTIONS.create, { amends: current.version, reason });
  return row;
}

function audit(ctx: TSignedInContext, caseRow: CaseRow, row: DecisionRow, action: (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS], extra: Record<string, unknown> = {}) {
  return recordUserAction(ctx, {
    subtype: AUDIT_SUBTYPES.decision,
    action,
    patientNationalId: caseRow.patientNationalId,
    entity: { type: 'TumourBoardDecision', id: row.id, caseId: caseRow.id, version: row.version, status: row.status, revision: row.revision, ...extra },
  });
}
