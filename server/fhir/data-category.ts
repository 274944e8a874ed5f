/**
 * Data categories a consent can restrict (EHDS Art. 8 lets a person restrict access to parts of their
 * record). Each FHIR resource the providers hold falls in exactly one.
 */
export const DATA_CATEGORIES = {
  demographics: 'demographics',
  encounters: 'encounters',
  conditions: 'conditions',
  laboratory: 'laboratory',
  vitals: 'vitals',
  medications: 'medications',
  procedures: 'procedures',
  oncology: 'oncology',
  genomics: 'genomics',
} as const;
export type DataCategory = (typeof DATA_CATEGORIES)[keyof typeof DATA_CATEGORIES];

export function isDataCategory(value: unknown): value is DataCategory {
  return typeof value === 'string' && value in DATA_CATEGORIES;
}
