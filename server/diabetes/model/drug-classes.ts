/**
 * The seven candidate drug classes the therapy model scores, each added to the patient's current
 * therapy. ATC codes and efficacy/safety profile follow CLINICAL.md (ADA Standards of Care 2025,
 * ADA/EASD consensus 2022). The order of DRUG_CLASS_IDS is part of the model's input contract (the
 * one-hot block of the feature vector), so it must never be reordered without retraining.
 */
export const DRUG_CLASSES = {
  metformin: { atc: 'A10BA02', label: 'Metformin' },
  sglt2i: { atc: 'A10BK', label: 'SGLT2 inhibitor' },
  glp1ra: { atc: 'A10BJ', label: 'GLP-1 receptor agonist' },
  dpp4i: { atc: 'A10BH', label: 'DPP-4 inhibitor' },
  sulfonylurea: { atc: 'A10BB', label: 'Sulfonylurea' },
  tzd: { atc: 'A10BG', label: 'Thiazolidinedione (pioglitazone)' },
  basalInsulin: { atc: 'A10AE', label: 'Basal insulin' },
} as const;

export type DrugClassId = keyof typeof DRUG_CLASSES;

export const DRUG_CLASS_IDS = [
  'metformin',
  'sglt2i',
  'glp1ra',
  'dpp4i',
  'sulfonylurea',
  'tzd',
  'basalInsulin',
] as const satisfies readonly DrugClassId[];

/** Classes a patient can already be taking in the training data (add-on setting, no insulin or TZD yet). */
export const CURRENT_THERAPY_CLASS_IDS = ['metformin', 'sulfonylurea', 'dpp4i', 'sglt2i', 'glp1ra'] as const satisfies readonly DrugClassId[];
export type CurrentTherapyClassId = (typeof CURRENT_THERAPY_CLASS_IDS)[number];

export function isDrugClassId(value: string): value is DrugClassId {
  return Object.hasOwn(DRUG_CLASSES, value);
}
