import type { TCoding } from '@/server/cds-hooks/cards/card-schema';
import { OVERRIDE_REASONS as DIABETES_OVERRIDE_REASONS, OVERRIDE_REASON_CODES, OVERRIDE_REASON_SYSTEM } from '@/server/diabetes/recommendation/override-reasons';

/**
 * The reasons a clinician can give for not following a card (CDS Hooks 2.0 `overrideReasons`): the
 * same coded list the app's own decisions use (server/diabetes/recommendation/override-reasons.ts), so
 * an override in the EHR and one in the app count alike (EU AI Act Art. 14: the ability to disregard).
 * The feedback endpoint accepts only these.
 */
export const OVERRIDE_REASONS: readonly TCoding[] = OVERRIDE_REASON_CODES.map((code) => ({ system: OVERRIDE_REASON_SYSTEM, code, display: DIABETES_OVERRIDE_REASONS[code] }));

export function isOverrideReason(c: TCoding): boolean {
  return OVERRIDE_REASONS.some((r) => r.code === c.code && (c.system === undefined || c.system === r.system));
}
