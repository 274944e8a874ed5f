/** The roles of the app; each tRPC procedure declares which of them it allows. */
export const ROLES = {
  endocrinologist: 'endocrinologist',
  oncologist: 'oncologist',
  patient: 'patient',
  steward: 'steward',
  admin: 'admin',
} as const;
export type Role = (typeof ROLES)[keyof typeof ROLES];

export const ALL_ROLES: readonly Role[] = Object.values(ROLES);
export const CLINICIAN_ROLES: readonly Role[] = [ROLES.endocrinologist, ROLES.oncologist];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ALL_ROLES as readonly string[]).includes(value);
}
