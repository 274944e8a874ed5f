import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { hasChronicKidneyDisease } from '@/server/diabetes/model/patient-features';
import type { DigitalTwin } from '@/server/synthetic/digital-twins/generate';

/**
 * Treatment policies compared in the evaluation, as in Dennis et al., Lancet 2025: the model's best
 * eligible class, one fixed ranking for everyone, a guideline-only rule and what was prescribed. All
 * choose among the same eligible classes (server/diabetes/model/eligibility.ts).
 */
export type Policy = (twin: DigitalTwin, index: number) => DrugClassId;

/** Lowest predicted HbA1c change among the eligible classes; predictions are n × 7 in DRUG_CLASS_IDS order. */
export function modelPolicy(predictions: Float64Array): Policy {
  return (twin, i) => argminEligible(twin, (c) => predictions[i * DRUG_CLASS_IDS.length + DRUG_CLASS_IDS.indexOf(c)] ?? Infinity);
}

export function oraclePolicy(twin: DigitalTwin): DrugClassId {
  return argminEligible(twin, (c) => twin.counterfactual[c].expectedHba1cChangeMmolMol);
}

/** One ranking for everyone: the first eligible class of `ranking`. */
export function fixedRankingPolicy(ranking: readonly DrugClassId[]): Policy {
  return (twin) => ranking.find((c) => twin.eligibleClasses.includes(c)) ?? firstEligible(twin);
}

/** Classes ordered by their mean true HbA1c change over a cohort (the "best on average" for everyone). */
export function rankClassesByAverage(twins: readonly DigitalTwin[]): DrugClassId[] {
  const avg = (c: DrugClassId): number => twins.reduce((s, t) => s + t.counterfactual[c].expectedHba1cChangeMmolMol, 0) / twins.length;
  return [...DRUG_CLASS_IDS].sort((a, b) => avg(a) - avg(b));
}

/**
 * Guideline-only choice (ADA Standards of Care 2025): organ protection first (HF or CKD → SGLT2i;
 * ASCVD → GLP-1 RA), then HbA1c > 86 mmol/mol → GLP-1 RA before insulin, obesity → GLP-1 RA,
 * drug-naive → metformin, otherwise SGLT2i, DPP-4i, sulfonylurea.
 */
export function guidelinePolicy(twin: DigitalTwin): DrugClassId {
  const f = twin.features;
  const order: DrugClassId[] = [];
  if (f.heartFailure === 1 || hasChronicKidneyDisease(f)) order.push('sglt2i');
  if (f.ascvd === 1) order.push('glp1ra', 'sglt2i');
  if (f.hba1cMmolMol > 86) order.push('glp1ra', 'basalInsulin');
  if (f.bmiKgM2 >= 30) order.push('glp1ra');
  order.push('metformin', 'sglt2i', 'dpp4i', 'sulfonylurea');
  return order.find((c) => twin.eligibleClasses.includes(c)) ?? firstEligible(twin);
}

export function observedPolicy(twin: DigitalTwin): DrugClassId {
  return twin.receivedClass;
}

function argminEligible(twin: DigitalTwin, score: (c: DrugClassId) => number): DrugClassId {
  let best = firstEligible(twin);
  let bestScore = Infinity;
  for (const c of twin.eligibleClasses) {
    const s = score(c);
    if (s < bestScore) {
      bestScore = s;
      best = c;
    }
  }
  return best;
}

function firstEligible(twin: DigitalTwin): DrugClassId {
  const c = twin.eligibleClasses[0];
  if (!c) throw new Error(`${twin.id} has no eligible class`);
  return c;
}
