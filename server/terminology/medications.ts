import { text, type LocalText } from './display';

/**
 * Medicines by ingredient: ATC code (WHO ATC/DDD index 2025) and the international non-proprietary name
 * in English and French (WHO INN lists). Diabetes classes per shared/CLINICAL.md (ADA Standards of Care 2025).
 */
export interface MedicineDefinition {
  atc: string;
  name: LocalText;
}

export const DIABETES_MEDICINES = {
  metformin: { atc: 'A10BA02', name: text('metformin', 'metformine') },
  empagliflozin: { atc: 'A10BK03', name: text('empagliflozin', 'empagliflozine') },
  dapagliflozin: { atc: 'A10BK01', name: text('dapagliflozin', 'dapagliflozine') },
  semaglutide: { atc: 'A10BJ06', name: text('semaglutide', 'sémaglutide') },
  liraglutide: { atc: 'A10BJ02', name: text('liraglutide', 'liraglutide') },
  sitagliptin: { atc: 'A10BH01', name: text('sitagliptin', 'sitagliptine') },
  gliclazide: { atc: 'A10BB09', name: text('gliclazide', 'gliclazide') },
  pioglitazone: { atc: 'A10BG03', name: text('pioglitazone', 'pioglitazone') },
  glargine: { atc: 'A10AE04', name: text('insulin glargine', 'insuline glargine') },
  atorvastatin: { atc: 'C10AA05', name: text('atorvastatin', 'atorvastatine') },
  ramipril: { atc: 'C09AA05', name: text('ramipril', 'ramipril') },
} as const satisfies Record<string, MedicineDefinition>;
export type DiabetesMedicine = keyof typeof DIABETES_MEDICINES;

/** Anticancer medicines of the cancer types in cancers.ts (ATC L01, L02). */
export const CANCER_MEDICINES = {
  letrozole: { atc: 'L02BG04', name: text('letrozole', 'létrozole') },
  trastuzumab: { atc: 'L01FD01', name: text('trastuzumab', 'trastuzumab') },
  paclitaxel: { atc: 'L01CD01', name: text('paclitaxel', 'paclitaxel') },
  gefitinib: { atc: 'L01EB01', name: text('gefitinib', 'géfitinib') },
  osimertinib: { atc: 'L01EB04', name: text('osimertinib', 'osimertinib') },
  pembrolizumab: { atc: 'L01FF02', name: text('pembrolizumab', 'pembrolizumab') },
  carboplatin: { atc: 'L01XA02', name: text('carboplatin', 'carboplatine') },
  oxaliplatin: { atc: 'L01XA03', name: text('oxaliplatin', 'oxaliplatine') },
  fluorouracil: { atc: 'L01BC02', name: text('fluorouracil', 'fluorouracile') },
  encorafenib: { atc: 'L01EC03', name: text('encorafenib', 'encorafénib') },
  cetuximab: { atc: 'L01FE01', name: text('cetuximab', 'cétuximab') },
  dabrafenib: { atc: 'L01EC02', name: text('dabrafenib', 'dabrafénib') },
  trametinib: { atc: 'L01EE01', name: text('trametinib', 'tramétinib') },
  nivolumab: { atc: 'L01FF01', name: text('nivolumab', 'nivolumab') },
  alectinib: { atc: 'L01ED03', name: text('alectinib', 'alectinib') },
  larotrectinib: { atc: 'L01EX12', name: text('larotrectinib', 'larotrectinib') },
  sotorasib: { atc: 'L01XX73', name: text('sotorasib', 'sotorasib') },
  panitumumab: { atc: 'L01FE02', name: text('panitumumab', 'panitumumab') },
  fulvestrant: { atc: 'L02BA03', name: text('fulvestrant', 'fulvestrant') },
  alpelisib: { atc: 'L01EM03', name: text('alpelisib', 'alpélisib') },
  irinotecan: { atc: 'L01CE02', name: text('irinotecan', 'irinotécan') },
  pemetrexed: { atc: 'L01BA04', name: text('pemetrexed', 'pémétrexed') },
} as const satisfies Record<string, MedicineDefinition>;
export type CancerMedicine = keyof typeof CANCER_MEDICINES;

/** Routes of administration (SNOMED CT), with names for people. */
export const ROUTES = {
  subcutaneous: { code: '34206005', display: 'Subcutaneous route', name: text('subcutaneous', 'sous-cutané') },
  oral: { code: '26643006', display: 'Oral route', name: text('oral', 'orale') },
} as const;

/** FHIR MedicationRequest / MedicationStatement status codes (hl7.org/fhir/R4/valueset-medicationrequest-status.html). */
export const MEDICATION_STATUS: Record<string, LocalText> = {
  active: text('active', 'en cours'),
  'on-hold': text('on hold', 'suspendu'),
  cancelled: text('cancelled', 'annulé'),
  completed: text('completed', 'terminé'),
  'entered-in-error': text('entered in error', 'saisi par erreur'),
  stopped: text('stopped', 'arrêté'),
  draft: text('draft', 'brouillon'),
  intended: text('intended', 'prévu'),
  'not-taken': text('not taken', 'non pris'),
  unknown: text('unknown', 'inconnu'),
};
