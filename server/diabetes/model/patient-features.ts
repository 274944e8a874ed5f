import type { CurrentTherapyClassId } from '@/server/diabetes/model/drug-classes';

/**
 * The patient features the therapy model takes, with units, standard codes and the range the model
 * was trained on. Values outside [min, max] are refused at serving time rather than extrapolated:
 * trees are flat outside the data, so a prediction there would look confident and mean nothing.
 */
export const PATIENT_FEATURES = {
  ageYears: { label: 'Age', unit: 'a', code: 'LOINC 30525-0', min: 30, max: 90, kind: 'continuous' },
  sexMale: { label: 'Sex (1 = male, 0 = female)', unit: '1', code: 'LOINC 76689-9', min: 0, max: 1, kind: 'binary' },
  diabetesDurationYears: { label: 'Diabetes duration', unit: 'a', code: 'SNOMED 44054006 onset', min: 0, max: 40, kind: 'continuous' },
  hba1cMmolMol: { label: 'HbA1c', unit: 'mmol/mol', code: 'LOINC 59261-8', min: 48, max: 130, kind: 'continuous' },
  bmiKgM2: { label: 'BMI', unit: 'kg/m2', code: 'LOINC 39156-5', min: 18, max: 60, kind: 'continuous' },
  egfrMlMin173m2: { label: 'eGFR', unit: 'mL/min/1.73m2', code: 'LOINC 62238-1', min: 15, max: 130, kind: 'continuous' },
  altUL: { label: 'ALT', unit: 'U/L', code: 'LOINC 1742-6', min: 5, max: 200, kind: 'continuous' },
  hdlMmolL: { label: 'HDL cholesterol', unit: 'mmol/L', code: 'LOINC 2085-9', min: 0.4, max: 3.5, kind: 'continuous' },
  triglyceridesMmolL: { label: 'Triglycerides', unit: 'mmol/L', code: 'LOINC 2571-8', min: 0.3, max: 15, kind: 'continuous' },
  totalCholesterolMmolL: { label: 'Total cholesterol', unit: 'mmol/L', code: 'LOINC 2093-3', min: 2, max: 12, kind: 'continuous' },
  systolicBpMmHg: { label: 'Systolic blood pressure', unit: 'mm[Hg]', code: 'LOINC 8480-6', min: 80, max: 220, kind: 'continuous' },
  uacrMgMmol: { label: 'Urine albumin/creatinine ratio', unit: 'mg/mmol', code: 'LOINC 14959-1', min: 0, max: 300, kind: 'continuous' },
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

/** Which binary feature says a patient already takes a class. */
export const CURRENT_THERAPY_FEATURE = {
  metformin: 'onMetformin',
  sulfonylurea: 'onSulfonylurea',
  dpp4i: 'onDpp4i',
  sglt2i: 'onSglt2i',
  glp1ra: 'onGlp1ra',
} as const satisfies Record<CurrentTherapyClassId, PatientFeatureName>;

/** CKD as KDIGO defines it from the two features the model has: eGFR < 60 or albuminuria (ACR ≥ 3 mg/mmol). */
export function hasChronicKidneyDisease(values: Pick<PatientFeatureValues, 'egfrMlMin173m2' | 'uacrMgMmol'>): boolean {
  return values.egfrMlMin173m2 < 60 || values.uacrMgMmol >= 3;
}
