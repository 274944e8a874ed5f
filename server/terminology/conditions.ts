import { text, type LocalText } from './display';

/**
 * Conditions the app reads and the generator writes: SNOMED CT (SNOMED International browser) with the
 * ICD-10 code (WHO ICD-10 2019), the SNOMED display providers send, and names for people.
 */
export interface ConditionDefinition {
  snomed: string;
  icd10: string;
  display: string;
  name: LocalText;
}

export const CONDITIONS = {
  type2Diabetes: { snomed: '44054006', icd10: 'E11.9', display: 'Diabetes mellitus type 2', name: text('Type 2 diabetes', 'Diabète de type 2') },
  hypertension: { snomed: '38341003', icd10: 'I10', display: 'Hypertensive disorder', name: text('Hypertension', 'Hypertension artérielle') },
  heartFailure: { snomed: '84114007', icd10: 'I50.9', display: 'Heart failure', name: text('Heart failure', 'Insuffisance cardiaque') },
  myocardialInfarction: { snomed: '22298006', icd10: 'I21.9', display: 'Myocardial infarction', name: text('Myocardial infarction', 'Infarctus du myocarde') },
  coronaryArteryDisease: { snomed: '53741008', icd10: 'I25.1', display: 'Coronary arteriosclerosis', name: text('Coronary artery disease', 'Maladie coronarienne') },
  ckd: { snomed: '709044004', icd10: 'N18.9', display: 'Chronic kidney disease', name: text('Chronic kidney disease', 'Maladie rénale chronique') },
  obesity: { snomed: '414916001', icd10: 'E66.9', display: 'Obesity', name: text('Obesity', 'Obésité') },
  hyperlipidaemia: { snomed: '55822004', icd10: 'E78.5', display: 'Hyperlipidemia', name: text('Hyperlipidaemia', 'Hyperlipidémie') },
} as const satisfies Record<string, ConditionDefinition>;

/** SNOMED CT concepts of encounters, categories, methods and results the generator writes. */
export const SNOMED_OTHER = {
  followUpVisit: { code: '185389009', display: 'Follow-up visit', name: text('Follow-up visit', 'Consultation de suivi') },
  checkUp: { code: '185349003', display: 'Encounter for check up', name: text('Check-up', 'Bilan de santé') },
  disease: { code: '64572001', display: 'Disease', name: text('Disease', 'Maladie') },
  ajcc8: { code: '897275008', display: 'American Joint Commission on Cancer, Cancer Staging Manual, 8th edition neoplasm staging system', name: text('AJCC 8th edition', 'AJCC 8e édition') },
  positive: { code: '10828004', display: 'Positive', name: text('Positive', 'Positif') },
  negative: { code: '260385009', display: 'Negative', name: text('Negative', 'Négatif') },
  radiotherapyCourse: { code: '1217123003', display: 'Radiotherapy course of treatment', name: text('Radiotherapy course', 'Cure de radiothérapie') },
} as const;

/** FHIR condition-clinical codes (hl7.org/fhir/R4/codesystem-condition-clinical.html). */
export const CONDITION_CLINICAL_STATUS: Record<string, LocalText> = {
  active: text('active', 'active'),
  recurrence: text('recurrence', 'récidive'),
  relapse: text('relapse', 'rechute'),
  inactive: text('inactive', 'inactive'),
  remission: text('remission', 'rémission'),
  resolved: text('resolved', 'résolue'),
};
