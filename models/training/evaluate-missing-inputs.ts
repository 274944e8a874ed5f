import type { Predictions } from '@/models/training/evaluate';
import { mean, rmse, round } from '@/models/training/statistics';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import type { PatientFeatureName } from '@/server/diabetes/model/patient-features';
import type { DigitalTwin } from '@/server/synthetic/digital-twins/generate';

/**
 * What missing optional inputs cost: for the test twins that miss at least one, the same twins scored
 * with their complete inputs and with the missing ones, against the expected HbA1c change (error) and
 * by interval width (how much more the model admits it does not know).
 */
const K = DRUG_CLASS_IDS.length;

export function evaluateMissingInputs(twins: readonly DigitalTwin[], withMissing: Predictions, complete: Predictions, missingOf: (t: DigitalTwin) => PatientFeatureName[]) {
  const byFeature = new Map<string, number>();
  const rows: number[] = [];
  twins.forEach((t, i) => {
    const missing = missingOf(t);
    if (missing.length === 0) return;
    for (const f of missing) byFeature.set(f, (byFeature.get(f) ?? 0) + 1);
    for (let j = 0; j < K; j++) rows.push(i * K + j);
  });
  const expected = rows.map((r) => {
    const t = twins[Math.floor(r / K)] as DigitalTwin;
    return t.counterfactual[DRUG_CLASS_IDS[r % K] ?? 'metformin'].expectedHba1cChangeMmolMol;
  });
  const on = (p: Predictions) => {
    const pred = rows.map((r) => p.mean[r] ?? NaN);
    return {
      rmseVsExpectedMmolMol: round(rmse(pred, expected)),
      meanHba1cIntervalWidthMmolMol: round(mean(rows.map((r) => (p.p90[r] ?? 0) - (p.p10[r] ?? 0)))),
      meanWeightIntervalWidthKg: round(mean(rows.map((r) => (p.weightP90[r] ?? 0) - (p.weightP10[r] ?? 0))), 3),
    };
  };
  return {
    shareOfPatientsWithMissingInputs: round(rows.length / K / twins.length),
    missingShareByFeature: Object.fromEntries([...byFeature].map(([f, c]) => [f, round(c / twins.length)])),
    patientsWithMissingInputs: { n: rows.length / K, scoredWithMissingInputs: on(withMissing), scoredWithCompleteInputs: on(complete) },
  };
}
