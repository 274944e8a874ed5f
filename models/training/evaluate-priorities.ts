import type { Predictions } from '@/models/training/evaluate';
import { modelPolicy } from '@/models/training/policies';
import { mean, round } from '@/models/training/statistics';
import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { evaluateGuardrails } from '@/server/diabetes/guardrails/evaluate-guardrails';
import { guardrailPatientOfFeatures } from '@/server/diabetes/model/eligibility';
import type { PatientFeatureValues } from '@/server/diabetes/model/patient-features';
import type { Priority } from '@/server/diabetes/recommendation/priorities';
import { PRIORITIES, PRIORITY_IDS } from '@/server/diabetes/recommendation/priorities';
import { rankOptions, topClass } from '@/server/diabetes/recommendation/rank-options';
import type { DigitalTwin } from '@/server/synthetic/digital-twins/generate';

/**
 * What each ranking priority does across the test twins: the first-ranked class per twin (organ
 * protection first, then the priority; the same code the server ranks with) and the counterfactual
 * truth of that class — expected 12-month HbA1c change, weight change, hypoglycaemia risk — next to
 * ranking by predicted HbA1c alone.
 */
const K = DRUG_CLASS_IDS.length;

export function evaluatePriorities(twins: readonly DigitalTwin[], p: Predictions, featuresOf: (t: DigitalTwin) => PatientFeatureValues) {
  const summarise = (choose: (t: DigitalTwin, i: number) => DrugClassId) => {
    const chosen = twins.map((t, i) => choose(t, i));
    const truth = (f: (t: DigitalTwin, c: DrugClassId) => number) => round(mean(twins.map((t, i) => f(t, chosen[i] as DrugClassId))));
    return {
      meanHba1cChangeMmolMol: truth((t, c) => t.counterfactual[c].expectedHba1cChangeMmolMol),
      meanWeightChangeKg: truth((t, c) => t.counterfactual[c].weightChangeKg),
      meanHypoglycaemiaRisk12m: truth((t, c) => t.counterfactual[c].hypoglycaemiaRisk12m),
      firstClassShare: Object.fromEntries(DRUG_CLASS_IDS.map((c) => [c, round(chosen.filter((x) => x === c).length / twins.length)])),
    };
  };
  const byPriority = Object.fromEntries(
    PRIORITY_IDS.map((priority) => [
      priority,
      {
        label: PRIORITIES[priority].label,
        ...summarise((t, i) => {
          const effects = DRUG_CLASS_IDS.map((c, j) => ({
            drugClass: c,
            hba1cChangeMmolMol: p.mean[i * K + j] ?? NaN,
            weightChangeKg: p.weight[i * K + j] ?? NaN,
            hypoglycaemiaRisk12m: p.hypoglycaemia[i * K + j] ?? NaN,
          }));
          const top = topClass(rankOptions(effects, evaluateGuardrails(guardrailPatientOfFeatures(featuresOf(t))), priority));
          if (!top) throw new Error(`${t.id}: nothing ranked`);
          return top;
        }),
      },
    ]),
  ) as Record<Priority, ReturnType<typeof summarise> & { label: string }>;
  return {
    setting: 'first-ranked class per test twin; outcomes are the twins\' counterfactual truth for that class',
    hba1cAlone: { label: 'Predicted HbA1c change alone (no organ protection, no trade-offs)', ...summarise(modelPolicy(p.mean)) },
    ...byPriority,
  };
}
