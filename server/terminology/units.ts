/**
 * Units: UCUM codes as providers send them, written for people, and the conversions the record shows.
 * Each conversion factor is written here and nowhere else.
 */

/** UCUM code → what a clinician reads (UCUM annotations in braces dropped, exponents as superscripts). */
const FOR_PEOPLE: Record<string, string> = {
  'mL/min/{1.73_m2}': 'mL/min/1.73 m²',
  'kg/m2': 'kg/m²',
  'mm[Hg]': 'mmHg',
  umol: 'µmol',
  'umol/L': 'µmol/L',
  '10*9/L': '×10⁹/L',
};

/** A UCUM unit as a clinician writes it; an unknown unit is shown as sent. */
export function unitForPeople(ucum: string | null | undefined): string {
  if (!ucum) return '';
  return FOR_PEOPLE[ucum] ?? ucum;
}

// HbA1c: IFCC–NGSP master equation (Hoelzel et al., Clin Chem 2004; IFCC/EASD/ADA/IDF consensus 2007,
// shared/CLINICAL.md): IFCC mmol/mol = 10.929 × (NGSP % − 2.15).
export const HBA1C_IFCC_PER_NGSP = 10.929;
export const HBA1C_NGSP_OFFSET = 2.15;

/** HbA1c NGSP % → IFCC mmol/mol, unrounded. */
export const hba1cMmolMolFromPercent = (percent: number): number => HBA1C_IFCC_PER_NGSP * (percent - HBA1C_NGSP_OFFSET);
/** HbA1c IFCC mmol/mol → NGSP %, unrounded. */
export const hba1cPercentFromMmolMol = (mmolMol: number): number => mmolMol / HBA1C_IFCC_PER_NGSP + HBA1C_NGSP_OFFSET;

/** HbA1c as laboratories report it: mmol/mol to the unit, % to one decimal (IFCC reporting recommendation). */
export function hba1cReported(value: number, unit: 'percent' | 'mmolMol'): { mmolMol: number; percent: number } {
  const mmolMol = unit === 'mmolMol' ? value : hba1cMmolMolFromPercent(value);
  const percent = unit === 'percent' ? value : hba1cPercentFromMmolMol(value);
  return { mmolMol: Math.round(mmolMol), percent: Math.round(percent * 10) / 10 };
}

// Creatinine: molar mass 113.12 g/mol, so 1 mg/dL = 10 000 µg/L ÷ 113.12 = 88.42 µmol/L (KDIGO 2012 CKD
// guideline, conversion table).
export const CREATININE_UMOL_L_PER_MG_DL = 88.42;
export const creatinineUmolLFromMgDl = (mgDl: number): number => mgDl * CREATININE_UMOL_L_PER_MG_DL;
export const creatinineMgDlFromUmolL = (umolL: number): number => umolL / CREATININE_UMOL_L_PER_MG_DL;

// Urine albumin/creatinine ratio: 1 g creatinine = 8.842 mmol, so mg/g ÷ 8.842 = mg/mmol (KDIGO 2012:
// 30 mg/g ≈ 3 mg/mmol).
export const CREATININE_MMOL_PER_G = 8.842;
export const uacrMgMmolFromMgG = (mgG: number): number => mgG / CREATININE_MMOL_PER_G;

/** Units whose abbreviation differs by language (UCUM `[IU]`: IU in English, UI in French). */
const LOCAL_UNITS: Record<string, { en: string; fr: string }> = { '[IU]': { en: 'IU', fr: 'UI' } };

/** A UCUM unit for people in one language. */
export function unitForPeopleIn(ucum: string | null | undefined, locale: 'en' | 'fr'): string {
  return (ucum && LOCAL_UNITS[ucum]?.[locale]) ?? unitForPeople(ucum);
}

// Lipids, mg/dL → mmol/L: cholesterol (HDL, total) ÷ 38.67 (molar mass 386.65 g/mol), triglycerides ÷ 88.57
// (as triolein, 885.7 g/mol); the factors of ESC/EAS 2019 dyslipidaemia guidelines and NCEP ATP III.
export const CHOLESTEROL_MG_DL_PER_MMOL_L = 38.67;
export const TRIGLYCERIDES_MG_DL_PER_MMOL_L = 88.57;
export const cholesterolMmolLFromMgDl = (mgDl: number): number => mgDl / CHOLESTEROL_MG_DL_PER_MMOL_L;
export const triglyceridesMmolLFromMgDl = (mgDl: number): number => mgDl / TRIGLYCERIDES_MG_DL_PER_MMOL_L;

// Body measures: 1 lb = 0.45359237 kg, 1 in = 2.54 cm (international yard and pound, 1959).
export const KG_PER_POUND = 0.45359237;
export const CM_PER_INCH = 2.54;
