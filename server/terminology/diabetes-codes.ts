import { CONDITIONS } from './conditions';

/**
 * The codes by which a record says a patient has a condition that changes type 2 diabetes therapy
 * (ADA Standards of Care 2025, sections 9–11): SNOMED CT concepts (SNOMED International browser; the
 * main concept and the common descendants providers record, since the app has no hierarchy service)
 * and ICD-10 code prefixes (WHO ICD-10 2019; ICD-10-CM codes where WHO ICD-10 has none). Free text is
 * matched too for the GLP-1 RA contraindication only, where missing it would be unsafe.
 */
export interface ConditionGroup {
  snomed: readonly string[];
  /** ICD-10 codes or prefixes ('I50' matches I50.0, I50.9 …). */
  icd10: readonly string[];
  /** Patterns that, in Condition.code.text or a coding's display, name the condition. */
  text?: readonly RegExp[];
}

export const DIABETES_CONDITION_GROUPS = {
  type2Diabetes: { snomed: [CONDITIONS.type2Diabetes.snomed, '313436004', '190388001'], icd10: ['E11'] },
  heartFailure: {
    // 84114007 heart failure; 42343007 congestive; 88805009 chronic congestive; 85232009 left; 703272007 HFrEF; 446221000 HFpEF.
    snomed: [CONDITIONS.heartFailure.snomed, '42343007', '88805009', '85232009', '703272007', '446221000'],
    icd10: ['I50', 'I11.0', 'I13.0', 'I13.2'],
  },
  ascvd: {
    // Coronary, cerebrovascular and peripheral atherosclerotic disease (ADA 2025 section 10 definition of ASCVD).
    // 53741008 CAD; 22298006 MI; 414545008 ischaemic heart disease; 394659003 acute coronary syndrome;
    // 413838009 chronic ischaemic heart disease; 230690007 stroke; 422504002 ischaemic stroke; 266257000 TIA;
    // 399957001 peripheral arterial occlusive disease; 840580004 peripheral arterial disease.
    snomed: [CONDITIONS.coronaryArteryDisease.snomed, CONDITIONS.myocardialInfarction.snomed, '414545008', '394659003', '413838009', '230690007', '422504002', '266257000', '399957001', '840580004'],
    icd10: ['I20', 'I21', 'I22', 'I23', 'I24', 'I25', 'I63', 'I64', 'G45', 'I70', 'I73.9'],
  },
  ckd: {
    // 709044004 CKD; 431855005, 431856006, 433144002, 431857002, 433146000 CKD stages 1–5.
    snomed: [CONDITIONS.ckd.snomed, '431855005', '431856006', '433144002', '431857002', '433146000'],
    icd10: ['N18'],
  },
  medullaryThyroidCarcinomaOrMen2: {
    // 255032005 medullary thyroid carcinoma; ICD-10-CM E31.22 / E31.23 MEN 2A / 2B (WHO ICD-10 has no MEN 2 code).
    snomed: ['255032005'],
    icd10: ['E31.22', 'E31.23'],
    text: [/medullary (thyroid|carcinoma of (the )?thyroid)/i, /carcinome m[ée]dullaire (de la )?thyro[iï]de/i, /multiple endocrine neoplasia,? type 2/i, /n[ée]oplasie endocrinienne multiple (de )?type 2/i, /\bmen ?2[ab]?\b/i],
  },
} as const satisfies Record<string, ConditionGroup>;

export type DiabetesConditionGroup = keyof typeof DIABETES_CONDITION_GROUPS;

/** LOINC codes the feature assembly reads besides LABS (loinc.org). */
export const FEATURE_LOINC = {
  bodyHeight: '8302-2',
  bloodPressurePanel: '85354-9',
} as const;
