import type { PatientSearch } from '@/server/dataspace/consumer/record-fan-out';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import { LABS, OTHER_LAB_CODES } from '@/server/terminology/labs';

const loinc = (...codes: string[]) => `code=${codes.map((c) => encodeURIComponent(`${CODE_SYSTEMS.loinc}|${c}`)).join(',')}`;

/**
 * What the diabetes panel reads per patient, in one batch per provider: enough for the HbA1c trend and
 * the care gaps, not the whole record. Two years of six-monthly HbA1c (IFCC and NGSP of each sample),
 * the latest kidney results, the problem list and the prescriptions (stopped ones too: a therapy change
 * is a new or stopped prescription).
 */
export const DIABETES_PANEL_SEARCHES: readonly PatientSearch[] = [
  { type: 'Patient' },
  { type: 'Condition', count: 50 },
  { type: 'Observation', params: `${loinc(LABS.hba1cIfcc.loinc, LABS.hba1cPercent.loinc, OTHER_LAB_CODES.hba1cPercentAlt.loinc)}&_sort=-date`, count: 10 },
  { type: 'Observation', params: `${loinc(LABS.egfr.loinc, OTHER_LAB_CODES.egfrMdrd.loinc, OTHER_LAB_CODES.egfrCkdEpi2021.loinc)}&_sort=-date`, count: 2 },
  { type: 'Observation', params: `${loinc(LABS.uacr.loinc, OTHER_LAB_CODES.uacrMgG.loinc)}&_sort=-date`, count: 2 },
  { type: 'MedicationRequest', params: '_sort=-date', count: 50 },
];
