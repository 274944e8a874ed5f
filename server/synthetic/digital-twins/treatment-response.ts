import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import type { PatientFeatureValues } from '@/server/diabetes/model/patient-features';

/**
 * The true expected 12-month HbA1c change (mmol/mol, negative = lower) for each class added to the
 * current therapy, as a function of the patient's features. Every heterogeneity term cites the study
 * it reproduces; sizes are set so that the cohort shows the published contrasts (checked in
 * treatment-response.test.ts). Total cholesterol and blood pressure deliberately have no term: the
 * five-class model (Dennis et al., Lancet 2025) found little for them, and a model should learn that.
 */
export function expectedHba1cChange(drugClass: DrugClassId, p: PatientFeatureValues): number {
  // Centred features, so each intercept is the response of a typical patient (HbA1c 70, BMI 32, …).
  const h = p.hba1cMmolMol - 70;
  const b = p.bmiKgM2 - 32;
  const a = p.ageYears - 62;
  const d = p.diabetesDurationYears - 7;
  const female = 1 - p.sexMale;
  const obese = p.bmiKgM2 > 30 ? 1 : 0;
  const lnAlt = Math.log(p.altUL / 26);
  const hdl = p.hdlMmolL - 1.2;
  // SGLT2 glycaemic efficacy depends on filtered glucose, so it falls with eGFR and saturates above ~95
  // (TriMaster, Shields et al., Nat Med 2023: eGFR 60–90 favours sitagliptin over canagliflozin, ≈2.8 mmol/mol vs eGFR > 90).
  const egfrForSglt2 = Math.min(p.egfrMlMin173m2, 95) - 85;

  let change: number;
  switch (drugClass) {
    case 'metformin':
      // High efficacy first-line agent (ADA 2025); larger fall from a higher baseline like every class.
      change = -12 - 0.4 * h + 0.15 * d;
      break;
    case 'sglt2i':
      // Dennis et al., Lancet Digit Health 2022: SGLT2i benefit over DPP-4i grows with baseline HbA1c and
      // eGFR and is larger in younger people; average advantage ≈3.7 mmol/mol.
      change = -9.45 - 0.5 * h - 0.11 * egfrForSglt2 + 0.05 * a;
      break;
    case 'glp1ra':
      // Dennis et al., Lancet 2025 (five classes): GLP-1 RA response greater in women and falls with diabetes
      // duration (beta-cell reserve); average 12-month response of the order of SU and metformin, not above all.
      change = -11.5 - 0.45 * h - 1.5 * female + 0.35 * d;
      break;
    case 'dpp4i':
      // Dennis et al., Lancet Digit Health 2022: DPP-4i responds less with higher BMI and ALT (insulin
      // resistance) and better in older people; flatter HbA1c slope than SGLT2i.
      change = -7 - 0.3 * h + 0.12 * b + 1.6 * lnAlt - 0.04 * a;
      break;
    case 'sulfonylurea':
      // Dennis et al., Diabetes Care 2018: men and people with lower BMI respond better to sulfonylureas;
      // response wanes with duration as beta-cell function declines (Dennis et al., Lancet 2025).
      change = -11.5 - 0.45 * h + 2.2 * female + 0.22 * b + 0.25 * d;
      break;
    case 'tzd':
      // TriMaster (Shields et al., Nat Med 2023): BMI > 30 favours pioglitazone over sitagliptin by ≈2.9;
      // Dennis et al., Diabetes Care 2018: obese women respond best; low HDL (insulin resistance)
      // predicts a larger response (HDL is a five-class feature, Dennis et al., Lancet 2025).
      change = -7.15 - 0.42 * h - 0.2 * b - 1.5 * female * obese - 2.5 * hdl;
      break;
    case 'basalInsulin':
      // Highest efficacy, most dependent on the baseline (ADA 2025); larger doses needed with higher BMI.
      change = -15 - 0.65 * h + 0.1 * b;
      break;
  }
  // Nobody falls far below normoglycaemia: cap the achieved HbA1c at 40 mmol/mol.
  return Math.max(change, 40 - p.hba1cMmolMol);
}

/** Expected 12-month weight change in kg (ADA 2025 class profile; TZD gain largest in obese women, Dennis et al., Diabetes Care 2018). */
export function expectedWeightChangeKg(drugClass: DrugClassId, p: PatientFeatureValues): number {
  const obeseWoman = p.sexMale === 0 && p.bmiKgM2 > 30 ? 1 : 0;
  switch (drugClass) {
    case 'metformin':
      return -1.2;
    case 'sglt2i':
      return -2.3;
    case 'glp1ra':
      return -3 - 0.08 * Math.max(0, p.bmiKgM2 - 30);
    case 'dpp4i':
      return 0;
    case 'sulfonylurea':
      return 1.8;
    case 'tzd':
      return 2.5 + 1.2 * obeseWoman;
    case 'basalInsulin':
      return 2.2;
  }
}

/**
 * Probability of at least one symptomatic hypoglycaemia in 12 months: sulfonylureas and insulin
 * only, higher in older adults and in CKD (ADA 2025; CLINICAL.md).
 */
export function hypoglycaemiaRisk12m(drugClass: DrugClassId, p: PatientFeatureValues): number {
  const ageFactor = Math.exp(0.03 * (p.ageYears - 62));
  const ckdFactor = p.egfrMlMin173m2 < 60 ? 1.8 : 1;
  const base = drugClass === 'sulfonylurea' ? 0.1 : drugClass === 'basalInsulin' ? 0.2 : 0.015;
  return Math.min(0.95, base * ageFactor * (drugClass === 'sulfonylurea' || drugClass === 'basalInsulin' ? ckdFactor : 1));
}
