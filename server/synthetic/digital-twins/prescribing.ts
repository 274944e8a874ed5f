import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import type { PatientFeatureValues } from '@/server/diabetes/model/patient-features';
import { hasChronicKidneyDisease } from '@/server/diabetes/model/patient-features';
import type { Random } from '@/server/synthetic/digital-twins/random';

/**
 * The prescribing policy that produced the observed data: a multinomial logit over the eligible
 * classes whose preferences depend on the same features as the response (confounding by indication):
 * heart failure and CKD → SGLT2i (ADA 2025 organ protection), obesity and ASCVD → GLP-1 RA, older
 * people → DPP-4i, very high HbA1c → insulin. Every eligible class keeps a non-zero probability, so
 * the model can learn each class from observed data (positivity).
 */
export function prescribingScores(p: PatientFeatureValues, eligible: readonly DrugClassId[]): Map<DrugClassId, number> {
  const a = p.ageYears - 62;
  const obesity = p.bmiKgM2 - 30;
  const ckd = hasChronicKidneyDisease(p) ? 1 : 0;
  const score: Record<DrugClassId, number> = {
    metformin: 3,
    sglt2i: 0.5 + 1.8 * p.heartFailure + 0.9 * ckd + 0.4 * p.ascvd - 0.02 * a,
    glp1ra: -0.5 + 0.15 * obesity + 0.6 * p.ascvd - 0.02 * a,
    dpp4i: 0.5 + 0.05 * a - 0.04 * obesity,
    sulfonylurea: 0.1 - 0.02 * a + 0.02 * (p.hba1cMmolMol - 70),
    tzd: -1.4 + 0.04 * obesity,
    basalInsulin: -1 + 0.1 * (p.hba1cMmolMol - 86),
  };
  return new Map(eligible.map((c) => [c, score[c]]));
}

export function prescribe(p: PatientFeatureValues, eligible: readonly DrugClassId[], rng: Random): { received: DrugClassId; propensity: number } {
  const scores = prescribingScores(p, eligible);
  let max = -Infinity;
  for (const s of scores.values()) max = Math.max(max, s);
  let total = 0;
  const weights: [DrugClassId, number][] = [];
  for (const [c, s] of scores) {
    const w = Math.exp(s - max);
    weights.push([c, w]);
    total += w;
  }
  let u = rng.uniform() * total;
  for (const [c, w] of weights) {
    u -= w;
    if (u < 0) return { received: c, propensity: w / total };
  }
  const last = weights[weights.length - 1];
  if (!last) throw new Error('No eligible class to prescribe');
  return { received: last[0], propensity: last[1] / total };
}
