import type { CurrentTherapyClassId } from '@/server/diabetes/model/drug-classes';

/**
 * The patient features the therapy model takes, with units, standard codes and the range the model
 * was trained on. Values outside [min, max] are refused at serving time rather than extrapolated:
 * trees are flat outside the data, so a prediction there would look confident and mean nothing.
 */
export const PATIENT_FEATURES = {
  ageYears: { label: 'Age', unit: 'a', code: 'LOINC 30525-0', min: 30, max: 90, kind: 'continuous', required: true, needs: 'a date of birth (age)' },
  sexMale: { label: 'Sex (1 = male, 0 = female)', unit: '1', code: 'LOINC 76689-9', min: 0, max: 1, kind: 'binary', required: true, needs: 'the patient\'s sex' },
  diabetesDurationYears: { label: 'Diabetes duration', unit: 'a', code: 'SNOMED 44054006 onset', min: 0, max: 40, kind: 'continuous', required: true, needs: 'the date type 2 diabetes was diagnosed' },
  hba1cMmolMol: { label: 'HbA1c', unit: 'mmol/mol', code: 'LOINC 59261-8', min: 48, max: 130, kind: 'continuous', required: true, needs: 'an HbA1c from the last 6 months' },
  bmiKgM2: { label: 'BMI', unit: 'kg/m2', code: 'LOINC 39156-5', min: 18, max: 60, kind: 'continuous', required: true, needs: 'a BMI (or weight and height) from the last 12 months' },
  egfrMlMin173m2: { label: 'eGFR', unit: 'mL/min/1.73m2', code: 'LOINC 62238-1', min: 15, max: 130, kind: 'continuous', required: true, needs: 'an eGFR from the last 12 months' },
  altUL: { label: 'ALT', unit: 'U/L', code: 'LOINC 1742-6', min: 5, max: 200, kind: 'continuous', required: false },
  hdlMmolL: { label: 'HDL cholesterol', unit: 'mmol/L', code: 'LOINC 2085-9', min: 0.4, max: 3.5, kind: 'continuous', required: false },
  triglyceridesMmolL: { label: 'Triglycerides', unit: 'mmol/L', code: 'LOINC 2571-8', min: 0.3, max: 15, kind: 'continuous', required: false },
  totalCholesterolMmolL: { label: 'Total cholesterol', unit: 'mmol/L', code: 'LOINC 2093-3', min: 2, max: 12, kind: 'continuous', required: false },
  systolicBpMmHg: { label: 'Systolic blood pressure', unit: 'mm[Hg]', code: 'LOINC 8480-6', min: 80, max: 220, kind: 'continuous', required: false },
  uacrMgMmol: { label: 'Urine albumin/creatinine ratio', unit: 'mg/mmol', code: 'LOINC 14959-1', min: 0, max: 300, kind: 'continuous', required: false },
  ascvd: { label: 'Atherosclerotic cardiovascular disease', unit: '1', code: 'SNOMED 53741008', min: 0, max: 1, kind: 'binary' },
  heartFailure: { label: 'Heart failure', unit: '1', code: 'SNOMED 84114007', min: 0, max: 1, kind: 'binary' },
  onMetformin: { label: 'Currently on metformin', unit: '1', code: 'ATC A10BA02', min: 0, max: 1, kind: 'binary' },
  onSulfonylurea: { label: 'Currently on a sulfonylurea', unit: '1', code: 'ATC A10BB', min: 0, max: 1, kind: 'binary' },
  onDpp4i: { label: 'Currently on a DPP-4 inhibitor', unit: '1', code: 'ATC A10BH', min: 0, max: 1, kind: 'binary' },
  onSglt2i: { label: 'Currently on an SGLT2 inhibitor', unit: '1', code: 'ATC A10BK', min: 0, max: 1, kind: 'binary' },
  onGlp1ra: { label: 'Currently on a GLP-1 receptor agonist', unit: '1', code: 'ATC A10BJ', min: 0, max: 1, kind: 'binary' },
} as const;

export type PatientFeatureName = keyof typeof PATIENT_FEATURES;

/** Column order of the patient block of the model input; part of the ONNX contract. */
export const PATIENT_FEATURE_NAMES = Object.keys(PATIENT_FEATURES) as PatientFeatureName[];

/** One patient's numeric features, keyed by name (binary features are 0 or 1). */
export type PatientFeatureValues = Record<PatientFeatureName, number>;

export const REQUIRED_FEATURE_NAMES = PATIENT_FEATURE_NAMES.filter((n) => (PATIENT_FEATURES[n] as { required?: boolean }).required === true);
export const OPTIONAL_FEATURE_NAMES = PATIENT_FEATURE_NAMES.filter((n) => (PATIENT_FEATURES[n] as { required?: boolean }).required === false);

/** Which binary feature says a patient already takes a class. */
export const CURRENT_THERAPY_FEATURE = {
  metformin: 'onMetformin',
  sulfonylurea: 'onSulfonylurea',
  dpp4i: 'onDpp4i',
  sglt2i: 'onSglt2i',
  glp1ra: 'onGlp1ra',
} as const satisfies Record<CurrentTherapyClassId, PatientFeatureName>;

/**
 * CKD as KDIGO defines it from the two features the model has: eGFR < 60 or albuminuria (ACR ≥ 3
 * mg/mmol). A missing UACR (NaN) cannot show albuminuria, so only the eGFR decides then.
 */
export function hasChronicKidneyDisease(values: Pick<PatientFeatureValues, 'egfrMlMin173m2' | 'uacrMgMmol'>): boolean {
  return values.egfrMlMin173m2 < 60 || values.uacrMgMmol >= 3;
}
