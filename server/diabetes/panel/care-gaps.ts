import type { MedicationRequest } from '@medplum/fhirtypes';
import type { PatientFeatureAssembly } from '@/server/diabetes/features/feature-types';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';

export const CARE_GAP_CODES = ['hf-without-sglt2i', 'ckd-without-sglt2i', 'ascvd-without-protection', 'above-target-no-change', 'hba1c-overdue', 'egfr-overdue'] as const;
export type CareGapCode = (typeof CARE_GAP_CODES)[number];

export interface CareGap {
  code: CareGapCode;
  /** Plain words for the tooltip; the page names each gap in the user's language by its code. */
  detail: string;
}

const SIX_MONTHS_MS = 182.5 * 24 * 3600 * 1000;

/** When the diabetes therapy last changed: the newest diabetes prescription written (ATC A10), active or not. */
export function lastTherapyChange(requests: readonly MedicationRequest[]): string | null {
  const dates = requests
    .filter((r) => r.medicationCodeableConcept?.coding?.some((c) => c.system === CODE_SYSTEMS.atc && c.code?.startsWith('A10')))
    .map((r) => r.authoredOn)
    .filter((d): d is string => typeof d === 'string')
    .sort();
  return dates[dates.length - 1] ?? null;
}

/**
 * Care gaps of one patient from the panel's light read, each a guideline statement the record does not
 * meet: SGLT2i for heart failure and for CKD with eGFR ≥ 20 (ADA 2025 sections 10, 11), GLP-1 RA or SGLT2i
 * with proven benefit for ASCVD (section 10), intensification when HbA1c stays above the individual goal
 * for 6 months (section 9: "do not delay"; therapeutic inertia), HbA1c at least twice a year (section 6)
 * and eGFR at least yearly (section 11).
 */
export function careGaps(a: PatientFeatureAssembly, targetMmolMol: number, therapyChangedAt: string | null, now: Date): CareGap[] {
  const gaps: CareGap[] = [];
  const on = (c: 'sglt2i' | 'glp1ra') => a.therapy.classes.includes(c);
  const egfr = a.features.egfrMlMin173m2.value;
  const uacr = a.features.uacrMgMmol.value;
  if (a.conditions.heartFailure.present && !on('sglt2i') && (egfr === null || egfr >= 20)) gaps.push({ code: 'hf-without-sglt2i', detail: 'heart failure recorded, no SGLT2 inhibitor prescribed' });
  const ckd = a.conditions.ckd.present || (egfr !== null && egfr < 60) || (uacr !== null && uacr >= 3);
  if (ckd && !on('sglt2i') && egfr !== null && egfr >= 20) gaps.push({ code: 'ckd-without-sglt2i', detail: `chronic kidney disease (eGFR ${egfr}), no SGLT2 inhibitor prescribed` });
  if (a.conditions.ascvd.present && !on('sglt2i') && !on('glp1ra')) gaps.push({ code: 'ascvd-without-protection', detail: 'atherosclerotic cardiovascular disease, neither GLP-1 receptor agonist nor SGLT2 inhibitor' });

  const series = a.series.hba1c;
  const sixMonthsAgo = now.getTime() - SIX_MONTHS_MS;
  // The first reading at least 6 months old from which every reading since is above the goal.
  const since = [...series].reverse().findIndex((p) => new Date(p.date).getTime() <= sixMonthsAgo);
  if (since >= 0) {
    const from = series.length - 1 - since;
    const window = series.slice(from);
    const start = window[0]?.date;
    if (start && window.every((p) => p.value > targetMmolMol) && (therapyChangedAt === null || therapyChangedAt.slice(0, 10) <= start)) {
      gaps.push({ code: 'above-target-no-change', detail: `HbA1c above the goal of ${targetMmolMol} mmol/mol since ${start} without a change of therapy` });
    }
  }
  const latest = series[series.length - 1];
  if (!latest || new Date(latest.date).getTime() < sixMonthsAgo) gaps.push({ code: 'hba1c-overdue', detail: latest ? `last HbA1c on ${latest.date}` : 'no HbA1c on record' });
  if (a.features.egfrMlMin173m2.status === 'missing') gaps.push({ code: 'egfr-overdue', detail: 'no eGFR in the last 12 months' });
  return gaps;
}
