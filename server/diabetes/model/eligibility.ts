import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import type { GuardrailPatient } from '@/server/diabetes/guardrails/guardrail-patient';
import { evaluateGuardrails, exclusionsOf } from '@/server/diabetes/guardrails/evaluate-guardrails';
import type { PatientFeatureValues } from '@/server/diabetes/model/patient-features';
import { CURRENT_THERAPY_FEATURE } from '@/server/diabetes/model/patient-features';

/**
 * Which classes may be offered as an add-on at all: the classes the guardrails
 * (server/diabetes/guardrails/) do not exclude. The same rule defines the choice set of the synthetic
 * prescribers, of the model's policy and of the oracle, so that regret compares like with like. The
 * twins have no individual target, medullary thyroid carcinoma or hyperglycaemic symptoms, so only
 * the class rules apply to them.
 */
export type EligibilityReason = { code: string; message: string };

/** The guardrails' view of a patient known only by model features (a twin, a model input). */
export function guardrailPatientOfFeatures(p: PatientFeatureValues): GuardrailPatient {
  return {
    ageYears: p.ageYears,
    hba1cMmolMol: p.hba1cMmolMol,
    egfrMlMin173m2: p.egfrMlMin173m2,
    uacrMgMmol: Number.isNaN(p.uacrMgMmol) ? null : p.uacrMgMmol,
    heartFailure: p.heartFailure === 1,
    ascvd: p.ascvd === 1,
    chronicKidneyDiagnosis: false,
    medullaryThyroidCarcinomaOrMen2: false,
    symptomaticHyperglycaemia: false,
    currentClasses: (Object.keys(CURRENT_THERAPY_FEATURE) as (keyof typeof CURRENT_THERAPY_FEATURE)[]).filter((c) => p[CURRENT_THERAPY_FEATURE[c]] === 1),
    targetHba1cMmolMol: null,
  };
}

export function ineligibilityReasons(drugClass: DrugClassId, p: PatientFeatureValues): EligibilityReason[] {
  return exclusionsOf(evaluateGuardrails(guardrailPatientOfFeatures(p)).classes[drugClass]).map((f) => ({ code: f.ruleId, message: f.message }));
}

export function eligibleClasses(p: PatientFeatureValues): DrugClassId[] {
  const assessment = evaluateGuardrails(guardrailPatientOfFeatures(p));
  return DRUG_CLASS_IDS.filter((c) => assessment.classes[c].status !== 'excluded');
}
