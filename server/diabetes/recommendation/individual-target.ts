import type { GuardrailSource } from '@/server/diabetes/guardrails/sources';
import { SOURCES } from '@/server/diabetes/guardrails/sources';
import { hba1cReported } from '@/server/terminology/units';

const ADA_2025_GOALS: GuardrailSource = {
  label: 'ADA Standards of Care 2025, section 6',
  citation: 'American Diabetes Association. 6. Glycemic Goals and Hypoglycemia: Standards of Care in Diabetes—2025. Diabetes Care 2025;48(Suppl 1)',
  url: 'https://doi.org/10.2337/dc25-S006',
};

/** From this age the default goal is looser (ADA 2025 section 13: older adults, < 7.0–7.5 %). */
export const OLDER_ADULT_AGE = 75;

export interface IndividualTarget {
  mmolMol: number;
  percent: number;
  basis: string;
  source: GuardrailSource;
}

/**
 * The default individual HbA1c goal: 53 mmol/mol (7 %) for most non-pregnant adults (ADA 2025 section
 * 6), 58 mmol/mol (7.5 %) from 75 years (section 13), where hypoglycaemia weighs more. A default, shown
 * as such: the goal is the clinician's, agreed with the patient.
 */
export function defaultTarget(ageYears: number | null): IndividualTarget {
  const older = ageYears !== null && ageYears >= OLDER_ADULT_AGE;
  const mmolMol = older ? 58 : 53;
  return {
    mmolMol,
    percent: hba1cReported(mmolMol, 'mmolMol').percent,
    basis: older ? `default goal for adults aged ${OLDER_ADULT_AGE} or more` : 'default goal for most non-pregnant adults',
    source: older ? SOURCES.ada2025OlderAdults : ADA_2025_GOALS,
  };
}
