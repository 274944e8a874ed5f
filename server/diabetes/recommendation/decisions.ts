import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { diabetesDecisions } from '@/db/app/schema/diabetes-decisions';
import { users } from '@/db/app/schema/users';
import { AppError } from '@/server/api/app-error';
import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASSES } from '@/server/diabetes/model/drug-classes';
import { decisionResource } from '@/server/diabetes/recommendation/decision-resource';
import type { OverrideReason } from '@/server/diabetes/recommendation/override-reasons';
import type { TRecommendationView } from '@/server/diabetes/recommendation/recommendation-schema';

export interface DecisionRequest {
  clinician: { id: string; email: string };
  idempotencyKey: string;
  action: 'accepted' | 'overridden';
  chosenClass: DrugClassId | null;
  overrideReason: OverrideReason | null;
  note: string | null;
}

export type DecisionRow = typeof diabetesDecisions.$inferSelect;

/**
 * Checks a decision against the recommendation it answers: one accepts an option that was offered (a
 * ranked one), and overrides with a coded reason to anything else, "no change" included. Withheld and
 * excluded classes can be chosen only as an override, so the reason is on record.
 */
function assertCoherent(view: TRecommendationView, d: DecisionRequest): void {
  const top = view.options.find((o) => o.rank === 1)?.drugClass ?? null;
  if (d.action === 'accepted') {
    if (d.overrideReason) throw new AppError('BAD_REQUEST', 'An accepted option takes no override reason.');
    if (view.options.every((o) => o.rank === null)) throw new AppError('PRECONDITION_FAILED', 'There is no option to accept for this patient now; record an override with a reason instead.');
    if (!d.chosenClass || !view.options.some((o) => o.drugClass === d.chosenClass && o.rank !== null)) {
      throw new AppError('BAD_REQUEST', `${d.chosenClass ? DRUG_CLASSES[d.chosenClass].label : 'No change'} is not among the options offered; record an override with a reason instead.`);
    }
    return;
  }
  if (!d.overrideReason) throw new AppError('BAD_REQUEST', 'An override needs a reason.');
  if (top !== null && d.chosenClass === top) throw new AppError('BAD_REQUEST', `${DRUG_CLASSES[top].label} is the first option: accept it instead of overriding.`);
}

const sameRequest = (row: DecisionRow, d: DecisionRequest, nationalId: string): boolean =>
  row.patientNationalId === nationalId && row.action === d.action && row.chosenClass === d.chosenClass && row.overrideReason === d.overrideReason && row.note === d.note;

/**
 * Stores a decision with its basis as a GuidanceResponse. Idempotent per (clinician, key): the same
 * request again returns the stored row (`replayed`); a different request under a used key is a
 * conflict. `audit` runs in the same transaction, so the decision and its audit event land together.
 */
export async function storeDecision(
  db: Database,
  view: TRecommendationView,
  d: DecisionRequest,
  audit: (tx: Database, row: DecisionRow) => Promise<unknown>,
  now = new Date(),
): Promise<{ row: DecisionRow; replayed: boolean }> {
  const findByKey = async (tx: Database) =>
    (await tx.select().from(diabetesDecisions).where(and(eq(diabetesDecisions.clinicianId, d.clinician.id), eq(diabetesDecisions.idempotencyKey, d.idempotencyKey))).limit(1))[0];
  const existing = await findByKey(db);
  if (existing) {
    if (!sameRequest(existing, d, view.nationalId)) throw new AppError('CONFLICT', 'This decision was already recorded with other content; reload the page.');
    return { row: existing, replayed: true };
  }
  assertCoherent(view, d);
  const id = randomUUID();
  const top = view.options.find((o) => o.rank === 1)?.drugClass ?? null;
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(diabetesDecisions)
      .values({
        id,
        clinicianId: d.clinician.id,
        idempotencyKey: d.idempotencyKey,
        patientNationalId: view.nationalId,
        action: d.action,
        chosenClass: d.chosenClass,
        topClass: top,
        overrideReason: d.overrideReason,
        note: d.note,
        priority: view.priority.id,
        modelVersion: view.model.state === 'ready' ? view.model.version : null,
        modelSha256: view.model.state === 'ready' ? view.model.sha256 : null,
        ruleSetVersion: view.ruleSetVersion,
        resource: decisionResource(view, { id, action: d.action, chosenClass: d.chosenClass, overrideReason: d.overrideReason, note: d.note, clinician: d.clinician, decidedAt: now }),
        decidedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    const row = inserted[0];
    if (!row) {
      // A concurrent submit with the same key won the race: answer as a replay.
      const winner = await findByKey(tx);
      if (!winner || !sameRequest(winner, d, view.nationalId)) throw new AppError('CONFLICT', 'This decision was already recorded with other content; reload the page.');
      return { row: winner, replayed: true };
    }
    await audit(tx, row);
    return { row, replayed: false };
  });
}

/** A patient's decisions, newest first, with who decided. */
export async function decisionHistory(db: Database, nationalId: string) {
  return db
    .select({ decision: diabetesDecisions, clinicianEmail: users.email, clinicianName: users.name })
    .from(diabetesDecisions)
    .innerJoin(users, eq(users.id, diabetesDecisions.clinicianId))
    .where(eq(diabetesDecisions.patientNationalId, nationalId))
    .orderBy(desc(diabetesDecisions.decidedAt))
    .limit(200);
}

/** The latest decision date per patient, for the panel's "last review". */
export async function lastReviews(db: Database, nationalIds: readonly string[]): Promise<Map<string, Date>> {
  if (nationalIds.length === 0) return new Map();
  const rows = await db
    .select({ nationalId: diabetesDecisions.patientNationalId, at: sql<Date>`max(${diabetesDecisions.decidedAt})` })
    .from(diabetesDecisions)
    .where(inArray(diabetesDecisions.patientNationalId, [...nationalIds]))
    .groupBy(diabetesDecisions.patientNationalId);
  return new Map(rows.map((r) => [r.nationalId, new Date(r.at)]));
}

/** How often clinicians chose the first-ranked option, over decisions where one was proposed. */
export async function agreementWithTopOption(db: Database): Promise<{ decisions: number; agreed: number }> {
  const [row] = await db
    .select({ decisions: count(), agreed: sql<number>`count(*) filter (where ${diabetesDecisions.chosenClass} = ${diabetesDecisions.topClass})` })
    .from(diabetesDecisions)
    .where(isNotNull(diabetesDecisions.topClass));
  return { decisions: Number(row?.decisions ?? 0), agreed: Number(row?.agreed ?? 0) };
}
