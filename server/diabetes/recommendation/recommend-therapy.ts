import type { ClassAssessment, GuardrailAssessment } from '@/server/diabetes/guardrails/evaluate-guardrails';
import { evaluateGuardrails } from '@/server/diabetes/guardrails/evaluate-guardrails';
import { guardrailPatientOfFeatures } from '@/server/diabetes/model/eligibility';
import type { TTherapyModelInput } from '@/server/diabetes/model/input-schema';
import { toPatientFeatureValues } from '@/server/diabetes/model/input-schema';
import type { PredictOptions, TherapyOption, TherapyPrediction } from '@/server/diabetes/model/therapy-model';
import { parseTherapyModelInput, predictTherapyOptions } from '@/server/diabetes/model/therapy-model';
import type { Priority } from '@/server/diabetes/recommendation/priorities';
import { DEFAULT_PRIORITY, PRIORITIES } from '@/server/diabetes/recommendation/priorities';
import type { RankedOption } from '@/server/diabetes/recommendation/rank-options';
import { rankOptions } from '@/server/diabetes/recommendation/rank-options';

/**
 * One patient's therapy options: the model's predictions, the guardrails (shown apart from the model,
 * with their rule-set version) and the person-centred ranking, each option with the reason for its
 * rank; excluded classes last, with their reasons. Every result names the model artefact and the
 * rule set (EU AI Act Art. 12) and is decision support only: the clinician decides (Art. 14).
 */
export interface RecommendationContext {
  /** The individual HbA1c target (ADA 2025: often 53 mmol/mol, looser for older or frail adults). */
  targetHba1cMmolMol: number;
  chronicKidneyDiagnosis?: boolean;
  medullaryThyroidCarcinomaOrMen2?: boolean;
  symptomaticHyperglycaemia?: boolean;
}

export type RecommendedOption = TherapyOption & RankedOption & { guardrails: ClassAssessment };

export interface TherapyRecommendation {
  priority: { id: Priority; label: string; tradeOff: string };
  guardrails: { ruleSetVersion: string; intensification: GuardrailAssessment['intensification'] };
  model: TherapyPrediction['model'];
  missingInputs: TherapyPrediction['missingInputs'];
  /** Ranked options first (rank 1, 2, …), then the excluded classes. */
  options: RecommendedOption[];
}

export async function recommendTherapy(
  input: { patient: TTherapyModelInput; context: RecommendationContext; priority?: Priority },
  options: PredictOptions = {},
): Promise<TherapyRecommendation> {
  const priority = input.priority ?? DEFAULT_PRIORITY;
  const features = toPatientFeatureValues(parseTherapyModelInput(input.patient));
  const guardrails = evaluateGuardrails({
    ...guardrailPatientOfFeatures(features),
    chronicKidneyDiagnosis: input.context.chronicKidneyDiagnosis ?? false,
    medullaryThyroidCarcinomaOrMen2: input.context.medullaryThyroidCarcinomaOrMen2 ?? false,
    symptomaticHyperglycaemia: input.context.symptomaticHyperglycaemia ?? false,
    targetHba1cMmolMol: input.context.targetHba1cMmolMol,
  });
  const prediction = await predictTherapyOptions(input.patient, options);
  const ranked = rankOptions(
    prediction.options.map((o) => ({
      drugClass: o.drugClass,
      hba1cChangeMmolMol: o.predictedHba1cChangeMmolMol,
      weightChangeKg: o.weightChangeKg.predicted,
      hypoglycaemiaRisk12m: o.hypoglycaemiaRisk12m.predicted,
    })),
    guardrails,
    priority,
  );
  const byClass = new Map(prediction.options.map((o) => [o.drugClass, o]));
  return {
    priority: { id: priority, ...PRIORITIES[priority] },
    guardrails: { ruleSetVersion: guardrails.ruleSetVersion, intensification: guardrails.intensification },
    model: prediction.model,
    missingInputs: prediction.missingInputs,
    options: ranked.map((r) => {
      const o = byClass.get(r.drugClass);
      if (!o) throw new Error(`no prediction for ${r.drugClass}`);
      return { ...o, ...r, guardrails: guardrails.classes[r.drugClass] };
    }),
  };
}
