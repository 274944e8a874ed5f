import { LABS, OTHER_LAB_CODES } from '@/server/terminology/labs';
import { hba1cReported } from '@/server/terminology/units';

const PERCENT_CODES: readonly string[] = [LABS.hba1cPercent.loinc, OTHER_LAB_CODES.hba1cPercentAlt.loinc];

/** Both units of an HbA1c result, or null when the LOINC code is not HbA1c. */
export function hba1cBothUnits(loinc: string | null, value: number | null): { mmolMol: number; percent: number } | null {
  if (value === null || loinc === null) return null;
  if (PERCENT_CODES.includes(loinc)) return hba1cReported(value, 'percent');
  if (loinc === LABS.hba1cIfcc.loinc) return hba1cReported(value, 'mmolMol');
  return null;
}
