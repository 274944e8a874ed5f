import { LABS, OTHER_LAB_CODES } from './labs';
import type { LocalText } from './display';
import { creatinineMgDlFromUmolL, creatinineUmolLFromMgDl, hba1cMmolMolFromPercent, hba1cPercentFromMmolMol, uacrMgMmolFromMgG } from './units';

/**
 * Tests measured under several LOINC codes or units that a clinician reads as one: HbA1c (IFCC mmol/mol
 * and NGSP %), creatinine (mass and molar), urine albumin/creatinine ratio (mg/g and mg/mmol). Each
 * member says how to bring its value to the family's unit; `beside` is a second unit shown next to it.
 */
export interface TestFamily {
  key: string;
  name: LocalText;
  /** UCUM unit the family's values are shown in. */
  unit: string;
  members: Record<string, (value: number) => number>;
  /** Decimals the family's values are reported with (and compared at, for conflicts). */
  digits: number;
  beside?: { unit: string; digits: number; convert: (value: number) => number };
}

const same = (v: number) => v;

export const TEST_FAMILIES: readonly TestFamily[] = [
  {
    key: 'hba1c',
    name: { en: 'HbA1c', fr: 'HbA1c' },
    unit: 'mmol/mol',
    digits: 0,
    // NGSP % beside IFCC mmol/mol (shared/CLINICAL.md: show both).
    beside: { unit: '%', digits: 1, convert: hba1cPercentFromMmolMol },
    members: { [LABS.hba1cIfcc.loinc]: same, [LABS.hba1cPercent.loinc]: hba1cMmolMolFromPercent, [OTHER_LAB_CODES.hba1cPercentAlt.loinc]: hba1cMmolMolFromPercent },
  },
  {
    key: 'creatinine',
    name: LABS.creatinine.name,
    // Creatinine in µmol/L as European laboratories report it, the mg/dL value beside it.
    unit: 'umol/L',
    digits: 0,
    members: { [LABS.creatinine.loinc]: creatinineUmolLFromMgDl, [OTHER_LAB_CODES.creatinineMolar.loinc]: same },
    beside: { unit: 'mg/dL', digits: 2, convert: creatinineMgDlFromUmolL },
  },
  {
    key: 'uacr',
    name: LABS.uacr.name,
    unit: 'mg/mmol',
    digits: 1,
    members: { [LABS.uacr.loinc]: same, [OTHER_LAB_CODES.uacrMgG.loinc]: uacrMgMmolFromMgG },
  },
];

/** The family a LOINC code belongs to, if any. */
export function testFamilyOf(loinc: string | null): TestFamily | null {
  if (!loinc) return null;
  return TEST_FAMILIES.find((f) => loinc in f.members) ?? null;
}
