/**
 * Coded reasons for overriding a recommendation (the clinician's ground, EU AI Act Art. 14), in the
 * spirit of CDS Hooks 2.0 `overrideReasons`: a code from this app's system plus free text.
 */
export const OVERRIDE_REASON_SYSTEM = 'https://d4h.example/fhir/CodeSystem/diabetes-override-reason';

export const OVERRIDE_REASONS = {
  'patient-preference': 'Patient preference',
  'cost-or-coverage': 'Cost or reimbursement',
  'contraindication-not-in-record': 'Contraindication or intolerance not in the record',
  'previous-adverse-effect': 'Previous adverse effect with this class',
  'data-not-current': 'Record data not current or incorrect',
  'clinical-judgement': 'Other clinical judgement',
} as const;

export type OverrideReason = keyof typeof OVERRIDE_REASONS;
export const OVERRIDE_REASON_CODES = Object.keys(OVERRIDE_REASONS) as [OverrideReason, ...OverrideReason[]];
