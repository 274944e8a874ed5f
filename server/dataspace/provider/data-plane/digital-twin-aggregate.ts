import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { digitalTwinRecord } from '@/db/participant/schema/digital-twin';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { K_ANONYMITY, SUPPRESSED, suppressTable, type Cell, type SuppressedTable } from '@/server/fhir/disclosure-control';
import type { DatasetStats } from '@/server/dataspace/provider/catalog-access';
import { MIN_CONTRIBUTING_RECORDS } from './research-aggregate';

type TwinRow = Pick<typeof digitalTwinRecord.$inferSelect, 'sex' | 'ageYears' | 'baselineHba1cMmolMol' | 'bmiKgM2' | 'egfrMlMin173m2' | 'receivedClass' | 'hba1cChangeMmolMol' | 'followUpHba1cMmolMol' | 'weightChangeKg'>;

const band = (value: number, edges: ReadonlyArray<readonly [number, string]>, last: string): string => edges.find(([upper]) => value < upper)?.[1] ?? last;

/**
 * Dimensions of the twin cohort, each with its categories in display order (so empty categories show as 0).
 * Bands: HbA1c at the usual targets 53/64/75 mmol/mol (7/8/9 %, ADA 2025); BMI by WHO class; eGFR by
 * KDIGO 2012 G categories; observed 12-month HbA1c change in 10 mmol/mol steps.
 */
const DIMENSIONS = {
  sex: { values: ['female', 'male'], of: (r: TwinRow) => r.sex },
  ageBand: { values: ['30-39', '40-49', '50-59', '60-69', '70-79', '80-89', '90-99'], of: (r: TwinRow) => `${Math.floor(r.ageYears / 10) * 10}-${Math.floor(r.ageYears / 10) * 10 + 9}` },
  hba1cBand: { values: ['<53', '53-63', '64-74', '>=75'], of: (r: TwinRow) => band(r.baselineHba1cMmolMol, [[53, '<53'], [64, '53-63'], [75, '64-74']], '>=75') },
  bmiBand: { values: ['<25', '25-29.9', '30-34.9', '>=35'], of: (r: TwinRow) => band(r.bmiKgM2, [[25, '<25'], [30, '25-29.9'], [35, '30-34.9']], '>=35') },
  egfrBand: { values: ['G4 (15-29)', 'G3b (30-44)', 'G3a (45-59)', 'G2 (60-89)', 'G1 (>=90)'], of: (r: TwinRow) => band(r.egfrMlMin173m2, [[30, 'G4 (15-29)'], [45, 'G3b (30-44)'], [60, 'G3a (45-59)'], [90, 'G2 (60-89)']], 'G1 (>=90)') },
  receivedClass: { values: [...DRUG_CLASS_IDS], of: (r: TwinRow) => r.receivedClass },
  hba1cResponse: { values: ['<=-20', '-19 to -10', '-9 to 0', '>0'], of: (r: TwinRow) => band(r.hba1cChangeMmolMol, [[-19, '<=-20'], [-9, '-19 to -10'], [1, '-9 to 0']], '>0') },
} as const satisfies Record<string, { values: readonly string[]; of: (r: TwinRow) => string }>;

export const TWIN_DIMENSIONS = Object.keys(DIMENSIONS) as Array<keyof typeof DIMENSIONS>;
export type TwinDimension = keyof typeof DIMENSIONS;

const MEASURES = {
  hba1cChange: (r: TwinRow) => r.hba1cChangeMmolMol,
  followUpHba1c: (r: TwinRow) => r.followUpHba1cMmolMol,
  weightChange: (r: TwinRow) => r.weightChangeKg,
} as const;

export const ZTwinAggregateRequest = z
  .object({
    rows: z.enum(TWIN_DIMENSIONS as [TwinDimension, ...TwinDimension[]]),
    columns: z.enum(TWIN_DIMENSIONS as [TwinDimension, ...TwinDimension[]]).optional(),
    /** A per-cell mean of an observed outcome, shown only where the cell's count is shown. */
    mean: z.enum(['hba1cChange', 'followUpHba1c', 'weightChange']).optional(),
  })
  .strict();
export type TwinAggregateRequest = z.infer<typeof ZTwinAggregateRequest>;

export interface TwinAggregateResult extends SuppressedTable {
  rows: { dimension: TwinDimension; values: string[] };
  columns: { dimension: TwinDimension | 'all'; values: string[] };
  means: { measure: keyof typeof MEASURES; cells: Array<Array<number | typeof SUPPRESSED | null>> } | null;
  contributingRecords: number | '<10';
  k: number;
  note: string;
}

async function loadRows(db: Database): Promise<TwinRow[]> {
  return db
    .select({
      sex: digitalTwinRecord.sex,
      ageYears: digitalTwinRecord.ageYears,
      baselineHba1cMmolMol: digitalTwinRecord.baselineHba1cMmolMol,
      bmiKgM2: digitalTwinRecord.bmiKgM2,
      egfrMlMin173m2: digitalTwinRecord.egfrMlMin173m2,
      receivedClass: digitalTwinRecord.receivedClass,
      hba1cChangeMmolMol: digitalTwinRecord.hba1cChangeMmolMol,
      followUpHba1cMmolMol: digitalTwinRecord.followUpHba1cMmolMol,
      weightChangeKg: digitalTwinRecord.weightChangeKg,
    })
    .from(digitalTwinRecord);
}

/**
 * Counts (and optionally means of an observed outcome) over the anonymised twin cohort, with the same
 * small-cell and complementary suppression as the EHR aggregates. No record leaves, only the table.
 */
export async function runTwinAggregate(db: Database, request: TwinAggregateRequest): Promise<TwinAggregateResult> {
  const all = await loadRows(db);
  const rowDim = DIMENSIONS[request.rows];
  const colDim = request.columns ? DIMENSIONS[request.columns] : null;
  const rowValues: string[] = [...rowDim.values];
  const colValues: string[] = colDim ? [...colDim.values] : ['all'];
  const counts = rowValues.map(() => colValues.map(() => 0));
  const sums = rowValues.map(() => colValues.map(() => 0));
  const measure = request.mean ? MEASURES[request.mean] : null;
  for (const r of all) {
    const ri = rowValues.indexOf(rowDim.of(r));
    const ci = colDim ? colValues.indexOf(colDim.of(r)) : 0;
    const countRow = counts[ri];
    const sumRow = sums[ri];
    if (!countRow || !sumRow || ci < 0) continue;
    countRow[ci] = (countRow[ci] ?? 0) + 1;
    if (measure) sumRow[ci] = (sumRow[ci] ?? 0) + measure(r);
  }
  const enough = all.length >= MIN_CONTRIBUTING_RECORDS;
  const suppressed: SuppressedTable = enough
    ? suppressTable(counts)
    : { cells: counts.map((row) => row.map(() => SUPPRESSED)), rowTotals: rowValues.map(() => SUPPRESSED), columnTotals: colValues.map(() => SUPPRESSED), total: SUPPRESSED };
  const meanOf = (shown: Cell, n: number, sum: number): number | typeof SUPPRESSED | null => (shown === SUPPRESSED ? SUPPRESSED : n === 0 ? null : Math.round((sum / n) * 10) / 10);
  return {
    ...suppressed,
    rows: { dimension: request.rows, values: rowValues },
    columns: { dimension: request.columns ?? 'all', values: colValues },
    means: request.mean ? { measure: request.mean, cells: suppressed.cells.map((row, r) => row.map((shown, c) => meanOf(shown, counts[r]?.[c] ?? 0, sums[r]?.[c] ?? 0))) } : null,
    contributingRecords: enough ? all.length : '<10',
    k: K_ANONYMITY,
    note: 'Counts over the anonymised digital-twin cohort (synthetic). Observed 12-month outcomes only; counterfactual outcomes are not part of the dataset. Cells below 5 are shown as "<5", with complementary suppression; a mean is shown only where its count is.',
  };
}

/** HealthDCAT-AP numbers for the catalog: records, individuals (one record each), age range. */
export async function digitalTwinStats(db: Database): Promise<DatasetStats> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int`, minAge: sql<number | null>`min(${digitalTwinRecord.ageYears})`, maxAge: sql<number | null>`max(${digitalTwinRecord.ageYears})` })
    .from(digitalTwinRecord);
  const n = Number(row?.n ?? 0);
  return { records: n, individuals: n, minAge: row?.minAge ?? null, maxAge: row?.maxAge ?? null };
}
