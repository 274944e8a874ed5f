import { text, type LocalText } from './display';

/**
 * Laboratory tests and vital signs the app reads and the generator writes: LOINC code and long name
 * (loinc.org, as in shared/CLINICAL.md), UCUM unit as sent, and the short name a clinician reads in each
 * language (French names as used by Luxembourg and French laboratories, e.g. "DFG estimé", "ALAT").
 */
export interface LabDefinition {
  loinc: string;
  /** LOINC long common name: what a provider puts in `coding.display`. */
  display: string;
  /** Short test name for people. */
  name: LocalText;
  unit: string;
  category: 'laboratory' | 'vital-signs';
}

export const LABS = {
  hba1cPercent: { loinc: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood', name: text('HbA1c (NGSP)', 'HbA1c (NGSP)'), unit: '%', category: 'laboratory' },
  hba1cIfcc: { loinc: '59261-8', display: 'Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol', name: text('HbA1c (IFCC)', 'HbA1c (IFCC)'), unit: 'mmol/mol', category: 'laboratory' },
  fastingGlucose: { loinc: '1558-6', display: 'Fasting glucose [Moles/volume] in Serum or Plasma', name: text('Fasting glucose', 'Glycémie à jeun'), unit: 'mmol/L', category: 'laboratory' },
  egfr: { loinc: '62238-1', display: 'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)', name: text('eGFR (CKD-EPI)', 'DFG estimé (CKD-EPI)'), unit: 'mL/min/{1.73_m2}', category: 'laboratory' },
  creatinine: { loinc: '2160-0', display: 'Creatinine [Mass/volume] in Serum or Plasma', name: text('Creatinine', 'Créatinine'), unit: 'mg/dL', category: 'laboratory' },
  alt: { loinc: '1742-6', display: 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', name: text('ALT', 'ALAT'), unit: 'U/L', category: 'laboratory' },
  hdl: { loinc: '2085-9', display: 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', name: text('HDL cholesterol', 'Cholestérol HDL'), unit: 'mg/dL', category: 'laboratory' },
  totalCholesterol: { loinc: '2093-3', display: 'Cholesterol [Mass/volume] in Serum or Plasma', name: text('Total cholesterol', 'Cholestérol total'), unit: 'mg/dL', category: 'laboratory' },
  triglycerides: { loinc: '2571-8', display: 'Triglyceride [Mass/volume] in Serum or Plasma', name: text('Triglycerides', 'Triglycérides'), unit: 'mg/dL', category: 'laboratory' },
  uacr: { loinc: '14959-1', display: 'Microalbumin/Creatinine [Mass Ratio] in Urine', name: text('Urine albumin/creatinine ratio', 'Rapport albumine/créatinine urinaire'), unit: 'mg/mmol', category: 'laboratory' },
  bmi: { loinc: '39156-5', display: 'Body mass index (BMI) [Ratio]', name: text('BMI', 'IMC'), unit: 'kg/m2', category: 'vital-signs' },
  weight: { loinc: '29463-7', display: 'Body weight', name: text('Body weight', 'Poids'), unit: 'kg', category: 'vital-signs' },
  systolic: { loinc: '8480-6', display: 'Systolic blood pressure', name: text('Systolic blood pressure', 'Pression artérielle systolique'), unit: 'mm[Hg]', category: 'vital-signs' },
  cea: { loinc: '2039-6', display: 'Carcinoembryonic Ag [Mass/volume] in Serum or Plasma', name: text('CEA', 'ACE'), unit: 'ng/mL', category: 'laboratory' },
} as const satisfies Record<string, LabDefinition>;

/** Other LOINC codes of results a record may carry: the mg/g urine ratio, eGFR variants (CLINICAL.md). */
export const OTHER_LAB_CODES = {
  hba1cPercentAlt: { loinc: '17856-6', name: text('HbA1c (NGSP)', 'HbA1c (NGSP)') },
  uacrMgG: { loinc: '9318-7', name: text('Urine albumin/creatinine ratio', 'Rapport albumine/créatinine urinaire') },
  egfrMdrd: { loinc: '33914-3', name: text('eGFR (MDRD)', 'DFG estimé (MDRD)') },
  egfrCkdEpi2021: { loinc: '98979-8', name: text('eGFR (CKD-EPI 2021)', 'DFG estimé (CKD-EPI 2021)') },
  creatinineMolar: { loinc: '14682-9', name: text('Creatinine', 'Créatinine') },
  metabolicPanel: { loinc: '24323-8', name: text('Metabolic panel', 'Bilan métabolique') },
} as const;
