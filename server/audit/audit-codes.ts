/**
 * Codes of the audit trail. Types are DICOM (DCM) audit event IDs as FHIR R4 AuditEvent.type uses them;
 * subtypes name the operation; outcomes are FHIR R4 AuditEventOutcome.
 */
export const AUDIT_TYPES = {
  userAuthentication: '110114',
  patientRecord: '110110',
  securityAlert: '110113',
  emergencyOverrideStarted: '110127',
  emergencyOverrideStopped: '110128',
  applicationActivity: '110100',
  rest: 'rest',
} as const;
export type AuditType = (typeof AUDIT_TYPES)[keyof typeof AUDIT_TYPES];

export const AUDIT_SUBTYPES = {
  login: 'login',
  loginFailed: 'login-failed',
  logout: 'logout',
  logoutEverywhere: 'logout-everywhere',
  read: 'read',
  search: 'search',
  accessDenied: 'access-denied',
  userCreated: 'user-created',
  userDisabled: 'user-disabled',
  userEnabled: 'user-enabled',
  careRelationshipCreated: 'care-relationship-created',
  careRelationshipEnded: 'care-relationship-ended',
  consentChange: 'consent-change',
  breakGlassStarted: 'break-glass-started',
  breakGlassEnded: 'break-glass-ended',
  decision: 'decision',
  cdsHookCall: 'cds-hook-call',
  cdsFeedback: 'cds-feedback',
  accessLogRead: 'access-log-read',
  recordExport: 'record-export',
  breakGlassReviewed: 'break-glass-reviewed',
} as const;
export type AuditSubtype = (typeof AUDIT_SUBTYPES)[keyof typeof AUDIT_SUBTYPES];

export const AUDIT_ACTIONS = { create: 'C', read: 'R', update: 'U', delete: 'D', execute: 'E' } as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS];

export const AUDIT_OUTCOMES = { success: '0', minorFailure: '4', seriousFailure: '8', majorFailure: '12' } as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[keyof typeof AUDIT_OUTCOMES];
