/** The model's units (UCUM-like, as PATIENT_FEATURES writes them) as a clinician reads them; years come from the messages. */
const FOR_PEOPLE: Record<string, string> = { 'mL/min/1.73m2': 'mL/min/1.73 m²', 'kg/m2': 'kg/m²', 'mm[Hg]': 'mmHg' };

export function featureUnit(unit: string, years: string): string {
  if (unit === 'a') return years;
  if (unit === '1') return '';
  return FOR_PEOPLE[unit] ?? unit;
}
