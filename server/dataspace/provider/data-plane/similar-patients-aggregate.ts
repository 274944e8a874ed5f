import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { fhirResource } from '@/db/participant/schema/fhir-resource';
import { K_ANONYMITY, SUPPRESSED, suppressTable, type Cell } from '@/server/fhir/disclosure-control';
import { survivalGrid, type GridTable, type TimeToEvent } from '@/server/fhir/survival-grid';
import { CANCER_TYPES } from '@/server/terminology/cancers';
import { DISEASE_STATUS, DISEASE_STATUS_LOINC, GENOMICS_LOINC, STAGING_LOINC } from '@/server/terminology/mcode';
import { MIN_CONTRIBUTING_RECORDS } from './research-aggregate';

const MONTH_MS = 30.4375 * 86400_000;

export const ZSimilarPatientsRequest = z
  .object({
    similarPatients: z
      .object({
        cancerType: z.enum(CANCER_TYPES.map((c) => c.key) as [string, ...string[]]),
        stage: z.enum(['I', 'II', 'III', 'IV']).optional(),
        /** The variant as the genomic-variant observation names it: HGNC symbol and, optionally, the p. HGVS without the protein accession. */
        variant: z.object({ gene: z.string().regex(/^[A-Z0-9]+$/), aminoAcidChange: z.string().regex(/^p\.[A-Za-z0-9_*]+$/).optional() }).strict().optional(),
        /** Which line of therapy for advanced disease the cohort is compared at (its start is time zero). */
        line: z.union([z.literal(1), z.literal(2)]).default(1),
        gridMonths: z.union([z.literal(1), z.literal(3), z.literal(6)]).default(3),
      })
      .strict(),
  })
  .strict();
export type SimilarPatientsRequest = z.infer<typeof ZSimilarPatientsRequest>;

export interface SimilarPatientsGroup {
  treatment: string;
  count: number;
  overallSurvival: GridTable | null;
  progressionFreeSurvival: GridTable | null;
}

export interface SimilarPatientsAnswer {
  kind: 'similar-patients';
  /** People matching the request here (research-consented), or '<10' below the provider's minimum. */
  cohort: number | '<10';
  treatments: { values: string[]; counts: Cell[] };
  groups: SimilarPatientsGroup[];
  k: number;
  note: string;
}

/** One person's course from the line's start, as the provider reads it from its records. */
export interface SimilarPerson {
  diagnosed: Date;
  lineStart: Date;
  treatment: string;
  progressions: Date[];
  death: Date | null;
  lastSeen: Date;
}

const months = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / MONTH_MS);

/** The people of the dataset with the primary cancer (and stage and variant) the request names, before consent. */
export async function similarPatientCandidates(db: Database, datasetId: string, request: SimilarPatientsRequest): Promise<string[]> {
  const q = request.similarPatients;
  const cancer = CANCER_TYPES.find((c) => c.key === q.cancerType);
  if (!cancer) return [];
  const base = and(eq(fhirResource.datasetId, datasetId), eq(fhirResource.resourceType, 'Observation'));
  const withCancer = await db.selectDistinct({ n: fhirResource.nationalId }).from(fhirResource).where(and(eq(fhirResource.datasetId, datasetId), eq(fhirResource.resourceType, 'Condition'), sql`${fhirResource.codes} && ARRAY[${cancer.snomed}]::text[]`));
  let people = new Set(withCancer.map((r) => r.n).filter((n): n is string => n !== null));
  if (q.stage) {
    const staged = await db.selectDistinct({ n: fhirResource.nationalId }).from(fhirResource).where(and(base, sql`${fhirResource.codes} && ARRAY[${STAGING_LOINC.clinical.group}]::text[]`, sql`${fhirResource.resource}#>>'{valueCodeableConcept,coding,0,code}' = ${q.stage}`));
    const s = new Set(staged.map((r) => r.n));
    people = new Set([...people].filter((p) => s.has(p)));
  }
  if (q.variant) {
    const rows = await db.select({ n: fhirResource.nationalId, c: sql<Array<{ code?: { coding?: Array<{ code?: string }> }; valueCodeableConcept?: { coding?: Array<{ code?: string; display?: string }> } }>>`${fhirResource.resource}->'component'` }).from(fhirResource).where(and(base, sql`${fhirResource.codes} && ARRAY[${GENOMICS_LOINC.variantAssessment.code}]::text[]`));
    const v = q.variant;
    const hit = new Set<string>();
    for (const r of rows) {
      if (!r.n) continue;
      const value = (loinc: string) => (r.c ?? []).filter((c) => c.code?.coding?.[0]?.code === loinc).map((c) => c.valueCodeableConcept?.coding?.[0]);
      const geneOk = value(GENOMICS_LOINC.geneStudied.code).some((g) => g?.display === v.gene);
      const changeOk = !v.aminoAcidChange || value(GENOMICS_LOINC.aminoAcidChange.code).some((a) => a?.code?.split(':').pop() === v.aminoAcidChange);
      if (geneOk && changeOk) hit.add(r.n);
    }
    people = new Set([...people].filter((p) => hit.has(p)));
  }
  return [...people];
}

/** The course of each permitted person who started the requested line. */
export async function similarPatientsFollowUp(db: Database, datasetId: string, request: SimilarPatientsRequest, permitted: readonly string[]): Promise<Map<string, SimilarPerson>> {
  const out = new Map<string, SimilarPerson>();
  if (permitted.length === 0) return out;
  const cancer = CANCER_TYPES.find((c) => c.key === request.similarPatients.cancerType);
  const among = inArray(fhirResource.nationalId, [...permitted]);
  const inSet = and(eq(fhirResource.datasetId, datasetId), among);
  const [conditions, therapies, statuses, patients] = await Promise.all([
    db.select({ n: fhirResource.nationalId, d: fhirResource.date }).from(fhirResource).where(and(inSet, eq(fhirResource.resourceType, 'Condition'), sql`${fhirResource.codes} && ARRAY[${cancer?.snomed ?? ''}]::text[]`)),
    // Systemic therapy of the requested line (the mCODE medication request's note names the line).
    db
      .select({ n: fhirResource.nationalId, d: fhirResource.date, drug: sql<string>`${fhirResource.resource}#>>'{medicationCodeableConcept,text}'` })
      .from(fhirResource)
      .where(and(inSet, eq(fhirResource.resourceType, 'MedicationRequest'), sql`${fhirResource.resource}#>>'{note,0,text}' = ${`line ${request.similarPatients.line} (advanced disease)`}`)),
    db.select({ n: fhirResource.nationalId, d: fhirResource.date, v: sql<string | null>`${fhirResource.resource}#>>'{valueCodeableConcept,coding,0,code}'` }).from(fhirResource).where(and(inSet, eq(fhirResource.resourceType, 'Observation'), sql`${fhirResource.codes} && ARRAY[${DISEASE_STATUS_LOINC}]::text[]`)),
    db.select({ n: fhirResource.nationalId, dead: sql<string | null>`${fhirResource.resource}->>'deceasedDateTime'` }).from(fhirResource).where(and(inSet, eq(fhirResource.resourceType, 'Patient'))),
  ]);
  const diagnosed = new Map<string, Date>();
  for (const c of conditions) if (c.n && c.d && (!diagnosed.has(c.n) || c.d < (diagnosed.get(c.n) ?? c.d))) diagnosed.set(c.n, c.d);
  const line = new Map<string, { start: Date; drugs: Set<string> }>();
  for (const t of therapies) {
    if (!t.n || !t.d) continue;
    const l = line.get(t.n) ?? { start: t.d, drugs: new Set<string>() };
    if (t.d < l.start) l.start = t.d;
    l.drugs.add(t.drug);
    line.set(t.n, l);
  }
  const deaths = new Map(patients.filter((p) => p.n && p.dead).map((p) => [p.n as string, new Date(p.dead as string)]));
  const assessments = new Map<string, Array<{ d: Date; worsened: boolean }>>();
  for (const s of statuses) if (s.n && s.d) assessments.set(s.n, [...(assessments.get(s.n) ?? []), { d: s.d, worsened: s.v === DISEASE_STATUS.worsened.code }]);
  for (const [n, l] of line) {
    const dx = diagnosed.get(n);
    if (!dx) continue;
    const seen = (assessments.get(n) ?? []).map((a) => a.d);
    const death = deaths.get(n) ?? null;
    const last = [...seen, ...(death ? [death] : [])].reduce((a, b) => (b > a ? b : a), l.start);
    out.set(n, {
      diagnosed: dx,
      lineStart: l.start,
      treatment: [...l.drugs].sort().join(' + '),
      progressions: (assessments.get(n) ?? []).filter((a) => a.worsened).map((a) => a.d),
      death,
      lastSeen: last,
    });
  }
  return out;
}

/** Overall survival (death) and progression-free survival (progression or death) from the start of the line. */
export function timesToEvent(p: SimilarPerson): { os: TimeToEvent; pfs: TimeToEvent } {
  const os: TimeToEvent = p.death ? { months: months(p.lineStart, p.death), event: true } : { months: months(p.lineStart, p.lastSeen), event: false };
  const progression = p.progressions.filter((d) => d > p.lineStart).sort((a, b) => a.getTime() - b.getTime())[0];
  const firstEvent = [progression, p.death].filter((d): d is Date => d instanceof Date).sort((a, b) => a.getTime() - b.getTime())[0];
  const pfs: TimeToEvent = firstEvent ? { months: months(p.lineStart, firstEvent), event: true } : { months: months(p.lineStart, p.lastSeen), event: false };
  return { os, pfs };
}

/**
 * The member sets differencing protection compares: the whole cohort and each treatment group, each
 * only when an answer can disclose its size (the cohort from the provider's minimum, a group from k);
 * smaller sets are answered as "<10" / "<5", and two such answers cannot be subtracted.
 */
export function cohortsOf(people: ReadonlyMap<string, SimilarPerson>): Array<Set<string>> {
  const groups = new Map<string, Set<string>>();
  for (const [n, p] of people) groups.set(p.treatment, (groups.get(p.treatment) ?? new Set()).add(n));
  return [...(people.size >= MIN_CONTRIBUTING_RECORDS ? [new Set(people.keys())] : []), ...[...groups.values()].filter((g) => g.size >= K_ANONYMITY)];
}

/**
 * Similar patients at this provider: research-consented people with the cancer (stage, variant) who
 * started the requested line, their treatment mix (small cells "<5", complementary suppression) and,
 * per treatment with at least the minimum number of records, overall and progression-free survival
 * as disclosure-controlled grid tables (server/fhir/survival-grid.ts) that the app pools across
 * providers into Kaplan–Meier curves.
 */
export function runSimilarPatients(input: { request: SimilarPatientsRequest; people: ReadonlyMap<string, SimilarPerson> }): SimilarPatientsAnswer {
  const grid = input.request.similarPatients.gridMonths;
  const byTreatment = new Map<string, SimilarPerson[]>();
  for (const p of input.people.values()) byTreatment.set(p.treatment, [...(byTreatment.get(p.treatment) ?? []), p]);
  const values = [...byTreatment.keys()].sort();
  const enough = input.people.size >= MIN_CONTRIBUTING_RECORDS;
  const table = enough ? suppressTable([values.map((v) => byTreatment.get(v)?.length ?? 0)]) : null;
  const counts: Cell[] = table ? (table.cells[0] ?? []) : values.map(() => SUPPRESSED);
  const groups: SimilarPatientsGroup[] = [];
  values.forEach((treatment, i) => {
    const members = byTreatment.get(treatment) ?? [];
    if (!enough || counts[i] === SUPPRESSED || members.length < MIN_CONTRIBUTING_RECORDS) return;
    const times = members.map(timesToEvent);
    groups.push({ treatment, count: members.length, overallSurvival: survivalGrid(times.map((t) => t.os), grid), progressionFreeSurvival: survivalGrid(times.map((t) => t.pfs), grid) });
  });
  return {
    kind: 'similar-patients',
    cohort: enough ? input.people.size : '<10',
    treatments: { values: enough ? values : [], counts: enough ? counts : [] },
    groups,
    k: K_ANONYMITY,
    note: `Research-consented, de-identified records (synthetic) who started line ${input.request.similarPatients.line} for advanced disease. Counts below ${K_ANONYMITY} are "<${K_ANONYMITY}" with complementary suppression; survival is published only for treatments with at least ${MIN_CONTRIBUTING_RECORDS} people, as grid counts of 0 or at least ${K_ANONYMITY}.`,
  };
}
