import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { fhirResource } from '@/db/participant/schema/fhir-resource';
import { CANCER_TYPES } from '@/server/terminology/cancers';
import { DISEASE_STATUS, DISEASE_STATUS_LOINC } from '@/server/terminology/mcode';
import { K_ANONYMITY, SUPPRESSED } from '@/server/fhir/disclosure-control';
import { MIN_CONTRIBUTING_RECORDS } from './research-aggregate';

const DAYS_PER_MONTH = 30.4375;
const MAX_INTERVALS = 40;

export const ZSurvivalRequest = z
  .object({
    survival: z
      .object({
        /** Cancer type key (server/terminology/cancers.ts CANCER_TYPES); all primary cancers when absent. */
        cancerType: z.enum(CANCER_TYPES.map((c) => c.key) as [string, ...string[]]).optional(),
        intervalMonths: z.union([z.literal(3), z.literal(6), z.literal(12)]).default(6),
      })
      .strict(),
  })
  .strict();
export type SurvivalRequest = z.infer<typeof ZSurvivalRequest>;

/** One person's follow-up: months from diagnosis to progression (event) or to the last assessment (censored). */
export interface FollowUp {
  months: number;
  event: boolean;
}

export interface SurvivalInterval {
  fromMonth: number;
  /** null: open-ended last interval, everyone still followed leaves the risk set in it. */
  toMonth: number | null;
  atRisk: number;
  events: number | typeof SUPPRESSED;
  censored: number | typeof SUPPRESSED;
  /** Life-table estimate of progression-free survival at the end of the interval (null where a count is hidden). */
  survival: number | null;
}

export interface SurvivalTable {
  endpoint: 'progression-free survival';
  intervals: SurvivalInterval[];
  contributingRecords: number | '<10';
  k: number;
  note: string;
}

/**
 * A life table (actuarial method, Cutler & Ederer, J Chronic Dis 1958: effective risk set n − c/2) with
 * disclosure control by global recoding: intervals are widened until, in each, the events and the
 * censorings are each 0 or ≥ k and the people still at risk afterwards are 0 or ≥ the minimum number of
 * records. Then every published count and every difference between published counts is 0 or ≥ k, so no
 * small cell can be derived (the complementary-suppression property, without hiding the table). Only
 * the open last interval may need suppression; there both counts are hidden together (their sum, the
 * number at risk, is shown and is ≥ the minimum).
 */
export function lifeTable(followUps: readonly FollowUp[], intervalMonths: number, k = K_ANONYMITY, minRecords = MIN_CONTRIBUTING_RECORDS): SurvivalInterval[] {
  if (followUps.length < minRecords) return [];
  const out: SurvivalInterval[] = [];
  const horizon = Math.max(...followUps.map((f) => f.months));
  let start = 0;
  let survival = 1;
  let hidden = false;
  const small = (n: number) => n > 0 && n < k;
  while (out.length < MAX_INTERVALS) {
    const atRisk = followUps.filter((f) => f.months >= start);
    if (atRisk.length === 0) break;
    let end = start + intervalMonths;
    let events = 0;
    let censored = 0;
    let open = false;
    for (;;) {
      const leaving = atRisk.filter((f) => f.months < end);
      events = leaving.filter((f) => f.event).length;
      censored = leaving.length - events;
      const remaining = atRisk.length - leaving.length;
      if (!small(events) && !small(censored) && (remaining === 0 || remaining >= minRecords)) break;
      if (end > horizon) {
        open = true;
        events = atRisk.filter((f) => f.event).length;
        censored = atRisk.length - events;
        break;
      }
      end += intervalMonths;
    }
    const hide = open && (small(events) || small(censored));
    const effective = atRisk.length - censored / 2;
    if (!hide && !hidden && effective > 0) survival *= 1 - events / effective;
    hidden ||= hide;
    out.push({
      fromMonth: start,
      toMonth: open ? null : end,
      atRisk: atRisk.length,
      events: hide ? SUPPRESSED : events,
      censored: hide ? SUPPRESSED : censored,
      survival: hidden ? null : Math.round(survival * 1000) / 1000,
    });
    if (open || atRisk.length === events + censored) break;
    start = end;
  }
  return out;
}

/** When each person with a primary cancer (of `cancerType`, or any) was first diagnosed, by national id. */
async function diagnosisDates(db: Database, datasetId: string, cancerType: string | undefined, among?: readonly string[]): Promise<Map<string, Date>> {
  const cancers = CANCER_TYPES.filter((c) => !cancerType || c.key === cancerType).map((c) => c.snomed);
  const diagnoses = await db
    .select({ n: fhirResource.nationalId, d: fhirResource.date })
    .from(fhirResource)
    .where(and(eq(fhirResource.datasetId, datasetId), eq(fhirResource.resourceType, 'Condition'), sql`${fhirResource.codes} && ${sql.param(cancers)}::text[]`, ...(among ? [inArray(fhirResource.nationalId, [...among])] : [])));
  const diagnosed = new Map<string, Date>();
  for (const r of diagnoses) if (r.n && r.d && (!diagnosed.has(r.n) || r.d < (diagnosed.get(r.n) ?? r.d))) diagnosed.set(r.n, r.d);
  return diagnosed;
}

/** The people a survival request is about (diagnosed with the cancer), before consent. */
export async function survivalCandidates(db: Database, datasetId: string, request: SurvivalRequest): Promise<string[]> {
  return [...(await diagnosisDates(db, datasetId, request.survival.cancerType)).keys()];
}

/** Follow-up of `permitted` (research-consented people with a primary cancer), from their mCODE disease-status observations. */
async function followUps(db: Database, input: { datasetId: string; cancerType?: string; permitted: readonly string[] }): Promise<FollowUp[]> {
  if (input.permitted.length === 0) return [];
  const diagnosed = await diagnosisDates(db, input.datasetId, input.cancerType, input.permitted);
  const permitted = [...diagnosed.keys()];
  if (permitted.length === 0) return [];
  const statuses = await db
    .select({ n: fhirResource.nationalId, d: fhirResource.date, v: sql<string | null>`${fhirResource.resource}#>>'{valueCodeableConcept,coding,0,code}'` })
    .from(fhirResource)
    .where(and(eq(fhirResource.datasetId, input.datasetId), eq(fhirResource.resourceType, 'Observation'), sql`${fhirResource.codes} && ARRAY[${DISEASE_STATUS_LOINC}]::text[]`, inArray(fhirResource.nationalId, permitted)));
  const byPerson = new Map<string, Array<{ d: Date; worsened: boolean }>>();
  for (const s of statuses) if (s.n && s.d) byPerson.set(s.n, [...(byPerson.get(s.n) ?? []), { d: s.d, worsened: s.v === DISEASE_STATUS.worsened.code }]);
  const out: FollowUp[] = [];
  for (const person of permitted) {
    const start = diagnosed.get(person);
    const assessments = (byPerson.get(person) ?? []).sort((a, b) => a.d.getTime() - b.d.getTime());
    const last = assessments[assessments.length - 1];
    if (!start || !last) continue; // never assessed: no follow-up to count
    const progression = assessments.find((a) => a.worsened);
    const until = progression?.d ?? last.d;
    out.push({ months: Math.max(0, (until.getTime() - start.getTime()) / (DAYS_PER_MONTH * 86400_000)), event: progression !== undefined });
  }
  return out;
}

/**
 * Progression-free survival of an oncology cohort at this provider. The event is the first mCODE cancer
 * disease status "worsened" (LOINC 97509-4, SNOMED 271299001); people are censored at their last
 * assessment (deaths are not counted here; overall survival by treatment is in similar-patients-aggregate.ts).
 */
export async function runSurvival(db: Database, input: { datasetId: string; request: SurvivalRequest; permitted: readonly string[] }): Promise<SurvivalTable> {
  const people = await followUps(db, { datasetId: input.datasetId, cancerType: input.request.survival.cancerType, permitted: input.permitted });
  const enough = people.length >= MIN_CONTRIBUTING_RECORDS;
  return {
    endpoint: 'progression-free survival',
    intervals: enough ? lifeTable(people, input.request.survival.intervalMonths) : [],
    contributingRecords: enough ? people.length : '<10',
    k: K_ANONYMITY,
    note: 'Life table over research-consented records (synthetic): months from diagnosis to the first disease-status "worsened", censored at the last assessment. Intervals are widened until no count is between 1 and 4; in the open last interval small counts are shown as "<5".',
  };
}
