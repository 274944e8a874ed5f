import type { DrugClassId } from '@/server/diabetes/model/drug-classes';

/**
 * What the guardrails look at. Conditions are recorded facts (absent = not present). The individual
 * target is the clinician's (ADA 2025 section 6: often 53 mmol/mol / 7 %, looser for older or frail
 * adults); null only for the training choice set (server/diabetes/model/eligibility.ts), where no
 * target applies.
 */
export interface GuardrailPatient {
  ageYears: number;
  hba1cMmolMol: number;
  egfrMlMin173m2: number;
  /** Urine albumin/creatinine ratio in mg/mmol, null when not measured. */
  uacrMgMmol: number | null;
  heartFailure: boolean;
  ascvd: boolean;
  /** Recorded CKD diagnosis (SNOMED 709044004); eGFR < 60 or UACR ≥ 3 count as CKD too (KDIGO 2012). */
  chronicKidneyDiagnosis: boolean;
  medullaryThyroidCarcinomaOrMen2: boolean;
  /** Symptoms of hyperglycaemia (polyuria, polydipsia, weight loss) or catabolism. */
  symptomaticHyperglycaemia: boolean;
  currentClasses: readonly DrugClassId[];
  targetHba1cMmolMol: number | null;
}

/** CKD as KDIGO 2012 defines it (eGFR < 60 or albuminuria ≥ 3 mg/mmol), or a recorded diagnosis. */
export function hasCkd(p: GuardrailPatient): boolean {
  return p.chronicKidneyDiagnosis || p.egfrMlMin173m2 < 60 || (p.uacrMgMmol !== null && p.uacrMgMmol >= 3);
}
