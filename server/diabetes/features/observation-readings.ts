import type { Observation, ObservationComponent, Quantity } from '@medplum/fhirtypes';
import { observationDate } from '@/server/records/observation-value';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import { FEATURE_LOINC } from '@/server/terminology/diabetes-codes';
import { LABS, OTHER_LAB_CODES } from '@/server/terminology/labs';
import {
  CM_PER_INCH,
  KG_PER_POUND,
  cholesterolMmolLFromMgDl,
  creatinineUmolLFromMgDl,
  hba1cMmolMolFromPercent,
  triglyceridesMmolLFromMgDl,
  uacrMgMmolFromMgG,
} from '@/server/terminology/units';
import type { FeatureProvenance } from './feature-types';

/** What an Observation can measure for the feature assembly, each in one canonical unit. */
export const MEASURES = {
  hba1c: { unit: 'mmol/mol', loinc: [LABS.hba1cIfcc.loinc, LABS.hba1cPercent.loinc, OTHER_LAB_CODES.hba1cPercentAlt.loinc] },
  egfr: { unit: 'mL/min/1.73m2', loinc: [LABS.egfr.loinc, OTHER_LAB_CODES.egfrMdrd.loinc, OTHER_LAB_CODES.egfrCkdEpi2021.loinc] },
  creatinine: { unit: 'umol/L', loinc: [LABS.creatinine.loinc, OTHER_LAB_CODES.creatinineMolar.loinc] },
  bmi: { unit: 'kg/m2', loinc: [LABS.bmi.loinc] },
  weight: { unit: 'kg', loinc: [LABS.weight.loinc] },
  height: { unit: 'cm', loinc: [FEATURE_LOINC.bodyHeight] },
  alt: { unit: 'U/L', loinc: [LABS.alt.loinc] },
  hdl: { unit: 'mmol/L', loinc: [LABS.hdl.loinc] },
  totalCholesterol: { unit: 'mmol/L', loinc: [LABS.totalCholesterol.loinc] },
  triglycerides: { unit: 'mmol/L', loinc: [LABS.triglycerides.loinc] },
  systolic: { unit: 'mm[Hg]', loinc: [LABS.systolic.loinc] },
  uacr: { unit: 'mg/mmol', loinc: [LABS.uacr.loinc, OTHER_LAB_CODES.uacrMgG.loinc] },
} as const;
export type Measure = keyof typeof MEASURES;

const same = (v: number): number => v;

/**
 * UCUM unit → canonical value, per measure. A unit not listed is not guessed at: the reading is kept
 * as unusable, so the page can say which value was there and why it was not used.
 */
const CONVERSIONS: Record<Measure, Record<string, (v: number) => number>> = {
  hba1c: { 'mmol/mol': same, '%': hba1cMmolMolFromPercent },
  egfr: { 'mL/min/{1.73_m2}': same, 'mL/min/1.73m2': same, 'mL/min/{1.73m2}': same, 'mL/min/1.73_m2': same },
  creatinine: { 'umol/L': same, 'mg/dL': creatinineUmolLFromMgDl },
  bmi: { 'kg/m2': same },
  weight: { kg: same, g: (v) => v / 1000, '[lb_av]': (v) => v * KG_PER_POUND },
  height: { cm: same, m: (v) => v * 100, '[in_i]': (v) => v * CM_PER_INCH },
  alt: { 'U/L': same, '[IU]/L': same, 'IU/L': same },
  hdl: { 'mmol/L': same, 'mg/dL': cholesterolMmolLFromMgDl },
  totalCholesterol: { 'mmol/L': same, 'mg/dL': cholesterolMmolLFromMgDl },
  triglycerides: { 'mmol/L': same, 'mg/dL': triglyceridesMmolLFromMgDl },
  systolic: { 'mm[Hg]': same, mmHg: same },
  uacr: { 'mg/mmol': same, 'g/mol': same, 'mg/g': uacrMgMmolFromMgG },
};

/** The unit a provider means when it sends none: the LOINC code's own (CLINICAL.md: 4548-4 is %, 9318-7 mg/g). */
const UNIT_OF_LOINC: Record<string, string> = {
  [LABS.hba1cIfcc.loinc]: 'mmol/mol',
  [LABS.hba1cPercent.loinc]: '%',
  [OTHER_LAB_CODES.hba1cPercentAlt.loinc]: '%',
  [LABS.uacr.loinc]: 'mg/mmol',
  [OTHER_LAB_CODES.uacrMgG.loinc]: 'mg/g',
  [LABS.creatinine.loinc]: 'mg/dL',
  [OTHER_LAB_CODES.creatinineMolar.loinc]: 'umol/L',
};

const MEASURE_OF_LOINC = new Map<string, Measure>(
  (Object.entries(MEASURES) as [Measure, (typeof MEASURES)[Measure]][]).flatMap(([m, def]) => def.loinc.map((l) => [l, m] as const)),
);

/** Results that count: final or corrected (FHIR R4 observation-status); preliminary, cancelled and erroneous ones do not. */
const USABLE_STATUS = new Set(['final', 'amended', 'corrected']);

export interface Reading {
  measure: Measure;
  /** In the measure's canonical unit. */
  value: number;
  reported: { value: number; unit: string };
  /** Whether the value was converted from another unit. */
  converted: boolean;
  /** The LOINC code it was reported under (IFCC HbA1c is preferred over NGSP on the same day). */
  loinc: string;
  date: string;
  provenance: FeatureProvenance;
}

export interface UnusableReading {
  measure: Measure;
  reported: { value: number; unit: string };
  date: string;
  provenance: FeatureProvenance;
}

function loincOf(codings: ReadonlyArray<{ system?: string; code?: string }> | undefined): string | null {
  return codings?.find((c) => c.system === CODE_SYSTEMS.loinc && c.code !== undefined && MEASURE_OF_LOINC.has(c.code))?.code ?? null;
}

function readQuantity(loinc: string, q: Quantity | undefined, date: string, provenance: FeatureProvenance, out: { readings: Reading[]; unusable: UnusableReading[] }): void {
  const measure = MEASURE_OF_LOINC.get(loinc);
  if (!measure || typeof q?.value !== 'number' || !Number.isFinite(q.value)) return;
  const unit = q.code ?? q.unit ?? UNIT_OF_LOINC[loinc] ?? '';
  const convert = CONVERSIONS[measure][unit];
  const reported = { value: q.value, unit };
  if (!convert) {
    out.unusable.push({ measure, reported, date, provenance });
    return;
  }
  out.readings.push({ measure, value: convert(q.value), reported, converted: convert !== same, loinc, date, provenance });
}

/**
 * The measures one Observation gives, in canonical units, including the components of a panel (systolic
 * pressure inside a blood-pressure panel, LOINC 85354-9). Undated or not final results give none.
 */
export function readingsOf(o: Observation, provenance: FeatureProvenance): { readings: Reading[]; unusable: UnusableReading[] } {
  const out = { readings: [] as Reading[], unusable: [] as UnusableReading[] };
  const date = observationDate(o);
  if (!date || !USABLE_STATUS.has(o.status)) return out;
  const own = loincOf(o.code.coding);
  if (own) readQuantity(own, o.valueQuantity, date, provenance, out);
  for (const c of o.component ?? ([] as ObservationComponent[])) {
    const loinc = loincOf(c.code.coding);
    if (loinc) readQuantity(loinc, c.valueQuantity, date, provenance, out);
  }
  return out;
}
