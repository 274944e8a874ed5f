import type { TCoding } from '@/server/cds-hooks/cards/card-schema';

/**
 * The reasons a clinician can give for not following a card (CDS Hooks 2.0 `overrideReasons`), coded in
 * this app's own system; the feedback endpoint accepts only these. Chosen after the common reasons for
 * overriding diabetes therapy advice: the patient's preference, a past intolerance, cost or coverage,
 * information the record lacks, and the clinician's judgement (EU AI Act Art. 14: the ability to disregard).
 */
export const OVERRIDE_REASON_SYSTEM = 'https://d4h.example/fhir/CodeSystem/cds-override-reason';

export const OVERRIDE_REASONS = [
  { system: OVERRIDE_REASON_SYSTEM, code: 'patient-preference', display: 'Patient preference' },
  { system: OVERRIDE_REASON_SYSTEM, code: 'intolerance', display: 'Previously not tolerated or ineffective' },
  { system: OVERRIDE_REASON_SYSTEM, code: 'cost', display: 'Cost or not covered' },
  { system: OVERRIDE_REASON_SYSTEM, code: 'record-incomplete', display: 'The record misses relevant information' },
  { system: OVERRIDE_REASON_SYSTEM, code: 'clinical-judgement', display: 'Clinical judgement' },
] as const satisfies readonly TCoding[];

export function isOverrideReason(c: TCoding): boolean {
  return OVERRIDE_REASONS.some((r) => r.code === c.code && (c.system === undefined || c.system === r.system));
}
