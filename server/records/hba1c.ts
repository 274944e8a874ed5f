/** HbA1c unit conversion (IFCC–NGSP master equation, as in shared/CLINICAL.md): mmol/mol = 10.929 × (% − 2.15). */
export const HBA1C_PERCENT_LOINC = ['4548-4', '17856-6'] as const;
export const HBA1C_IFCC_LOINC = '59261-8' as const;

export function percentToMmolMol(percent: number): number {
  return Math.round(10.929 * (percent - 2.15));
}

export function mmolMolToPercent(mmolMol: number): number {
  return Math.round((mmolMol / 10.929 + 2.15) * 10) / 10;
}

/** Both units of an HbA1c result, or null when the LOINC code is not HbA1c. */
export function hba1cBothUnits(loinc: string | null, value: number | null): { mmolMol: number; percent: number } | null {
  if (value === null || loinc === null) return null;
  if ((HBA1C_PERCENT_LOINC as readonly string[]).includes(loinc)) return { percent: value, mmolMol: percentToMmolMol(value) };
  if (loinc === HBA1C_IFCC_LOINC) return { mmolMol: value, percent: mmolMolToPercent(value) };
  return null;
}
