import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { fhirResource } from '@/db/participant/schema/fhir-resource';
import { CANCER_TYPES, ECOG_LOINC, LABS, STAGING_LOINC } from '@/server/synthetic/ehr/codes';
import { K_ANONYMITY, SUPPRESSED, suppressTable, type SuppressedTable } from '@/server/fhir/disclosure-control';

export const AGGREGATE_DIMENSIONS = ['sex', 'ageBand', 'cancerType', 'stage', 'ecog', 'variantGene', 'hba1cBand'] as const;
export type AggregateDimension = (typeof AGGREGATE_DIMENSIONS)[number];

export const ZAggregateRequest = z.object({
  rows: z.enum(AGGREGATE_DIMENSIONS),
  columns: z.enum(AGGREGATE_DIMENSIONS).optional(),
  /** Only people with a resource carrying this code token (e.g. `http://snomed.info/sct|44054006`). */
  havingCode: z.string().min(1).max(200).optional(),
});
export type AggregateRequest = z.infer<typeof ZAggregateRequest>;

/** Fewer consented people than this and the provider answers nothing but "<5" (DataSHIELD-style nfilter). */
export const MIN_CONTRIBUTING_RECORDS = 2 * K_ANONYMITY;

export interface AggregateResult extends SuppressedTable {
  rows: { dimension: AggregateDimension; values: string[] };
  columns: { dimension: AggregateDimension | 'all'; values: string[] };
  contributingRecords: number | '<10';
  k: number;
  note: string;
}

const MISSING = 'unknown';

async function dimensionValues(db: Database, datasetId: string, dimension: AggregateDimension): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const base = and(eq(fhirResource.datasetId, datasetId));
  const put = (rows: Array<{ n: string | null; v: string | null }>) => {
    for (const r of rows) if (r.n && r.v !== null) out.set(r.n, r.v);
  };
  switch (dimension) {
    case 'sex':
      put(await db.select({ n: fhirResource.nationalId, v: sql<string>`${fhirResource.resource}->>'gender'` }).from(fhirResource).where(and(base, eq(fhirResource.resourceType, 'Patient'))));
      break;
    case 'ageBand':
      put(
        await db
          .select({ n: fhirResource.nationalId, v: sql<string>`(floor(extract(year from age(${fhirResource.date})) / 10) * 10)::int || '-' || (floor(extract(year from age(${fhirResource.date})) / 10) * 10 + 9)::int` })
          .from(fhirResource)
          .where(and(base, eq(fhirResource.resourceType, 'Patient'))),
      );
      break;
    case 'cancerType':
      for (const c of CANCER_TYPES) {
        const rows = await db.select({ n: fhirResource.nationalId }).from(fhirResource).where(and(base, eq(fhirResource.resourceType, 'Condition'), sql`${fhirResource.codes} && ARRAY[${c.snomed}]::text[]`));
        for (const r of rows) if (r.n) out.set(r.n, c.key);
      }
      break;
    case 'stage':
      put(await db.select({ n: fhirResource.nationalId, v: sql<string>`${fhirResource.resource}#>>'{valueCodeableConcept,coding,0,code}'` }).from(fhirResource).where(and(base, eq(fhirResource.resourceType, 'Observation'), sql`${fhirResource.codes} && ARRAY[${STAGING_LOINC.clinical.group}]::text[]`)));
      break;
    case 'ecog':
      put(await db.select({ n: fhirResource.nationalId, v: sql<string>`${fhirResource.resource}->>'valueInteger'` }).from(fhirResource).where(and(base, eq(fhirResource.resourceType, 'Observation'), sql`${fhirResource.codes} && ARRAY[${ECOG_LOINC}]::text[]`)));
      break;
    case 'variantGene':
      put(await db.select({ n: fhirResource.nationalId, v: sql<string>`${fhirResource.resource}#>>'{component,0,valueCodeableConcept,coding,0,display}'` }).from(fhirResource).where(and(base, eq(fhirResource.resourceType, 'Observation'), sql`${fhirResource.codes} && ARRAY['69548-6']::text[]`)));
      break;
    case 'hba1cBand': {
      // Latest IFCC HbA1c per person, banded at the usual targets (53, 64, 75 mmol/mol = 7, 8, 9 %).
      const rows = await db
        .select({ n: fhirResource.nationalId, v: sql<number>`(${fhirResource.resource}#>>'{valueQuantity,value}')::float`, d: fhirResource.date })
        .from(fhirResource)
        .where(and(base, eq(fhirResource.resourceType, 'Observation'), sql`${fhirResource.codes} && ARRAY[${LABS.hba1cIfcc.loinc}]::text[]`))
        .orderBy(fhirResource.date);
      for (const r of rows) if (r.n) out.set(r.n, r.v < 53 ? '<53' : r.v < 64 ? '53-63' : r.v < 75 ? '64-74' : '>=75');
      break;
    }
  }
  return out;
}

/** The people of the dataset an aggregate request is about (all, or those with `havingCode`), before consent. */
export async function researchCandidates(db: Database, datasetId: string, request: AggregateRequest): Promise<string[]> {
  const patients = await db.select({ n: fhirResource.nationalId }).from(fhirResource).where(and(eq(fhirResource.datasetId, datasetId), eq(fhirResource.resourceType, 'Patient')));
  let candidates = [...new Set(patients.map((p) => p.n).filter((n): n is string => n !== null))];
  if (request.havingCode) {
    const having = await db.selectDistinct({ n: fhirResource.nationalId }).from(fhirResource).where(and(eq(fhirResource.datasetId, datasetId), sql`${fhirResource.codes} && ARRAY[${request.havingCode}]::text[]`));
    const set = new Set(having.map((h) => h.n));
    candidates = candidates.filter((n) => set.has(n));
  }
  return candidates;
}

/**
 * Cohort statistics over `permitted`, the research-consented people the consent gate let through,
 * returned as counts with small-cell and complementary suppression. No identifiers or record content leave.
 */
export async function runAggregate(db: Database, input: { datasetId: string; request: AggregateRequest; permitted: readonly string[] }): Promise<AggregateResult> {
  const { request, permitted } = input;
  const rowValues = await dimensionValues(db, input.datasetId, request.rows);
  const colValues = request.columns ? await dimensionValues(db, input.datasetId, request.columns) : null;
  const rowKeys = new Set<string>();
  const colKeys = new Set<string>();
  const counts = new Map<string, number>();
  for (const person of permitted) {
    const r = rowValues.get(person) ?? MISSING;
    const c = colValues ? (colValues.get(person) ?? MISSING) : 'all';
    rowKeys.add(r);
    colKeys.add(c);
    counts.set(`${r}\u0000${c}`, (counts.get(`${r}\u0000${c}`) ?? 0) + 1);
  }
  const rows = [...rowKeys].sort();
  const cols = [...colKeys].sort();
  const table = rows.map((r) => cols.map((c) => counts.get(`${r}\u0000${c}`) ?? 0));
  const enough = permitted.length >= MIN_CONTRIBUTING_RECORDS;
  const suppressed: SuppressedTable = enough
    ? suppressTable(table)
    : { cells: table.map((row) => row.map(() => SUPPRESSED)), rowTotals: rows.map(() => SUPPRESSED), columnTotals: cols.map(() => SUPPRESSED), total: SUPPRESSED };
  return {
    ...suppressed,
    rows: { dimension: request.rows, values: rows },
    columns: { dimension: request.columns ?? 'all', values: cols },
    contributingRecords: enough ? permitted.length : '<10',
    k: K_ANONYMITY,
    note: 'Counts of research-consented, de-identified records (synthetic). Cells below 5 are shown as "<5"; further cells are hidden so that no hidden cell can be derived from the totals.',
  };
}
