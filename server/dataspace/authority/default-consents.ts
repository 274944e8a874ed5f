import { createHash } from 'node:crypto';
import type { ConsentRuleView } from './policy-decision';
import { EVERYONE } from './policy-decision';

type DefaultRule = Pick<ConsentRuleView, 'patientNationalId' | 'decision' | 'purpose' | 'organisation' | 'professional' | 'dataCategory'>;

/**
 * Rules for everyone unless a person says otherwise. Care (TREAT, ETREAT) is permitted; secondary use
 * for research and public health follows the EHDS opt-out model (Art. 71); AI training is opt-in.
 */
export const DEFAULT_CONSENT_RULES: readonly DefaultRule[] = [
  { patientNationalId: EVERYONE, decision: 'permit', purpose: 'TREAT', organisation: null, professional: null, dataCategory: null },
  { patientNationalId: EVERYONE, decision: 'permit', purpose: 'ETREAT', organisation: null, professional: null, dataCategory: null },
  { patientNationalId: EVERYONE, decision: 'permit', purpose: 'HRESCH', organisation: null, professional: null, dataCategory: null },
  { patientNationalId: EVERYONE, decision: 'permit', purpose: 'PUBHLTH', organisation: null, professional: null, dataCategory: null },
  { patientNationalId: EVERYONE, decision: 'deny', purpose: 'MLTRAIN', organisation: null, professional: null, dataCategory: null },
];

/** Choices of the demo patients, so that every consent status appears in the demo. */
export const DEMO_CONSENT_RULES: readonly DefaultRule[] = [
  // Marie Schmit agrees to AI training.
  { patientNationalId: '1958031500017', decision: 'permit', purpose: 'MLTRAIN', organisation: null, professional: null, dataCategory: null },
  // Luc Klein opted out of research use.
  { patientNationalId: '1955012600062', decision: 'deny', purpose: 'HRESCH', organisation: null, professional: null, dataCategory: null },
  // Anne Muller keeps her medication list from Alzette (partial consent for care there).
  { patientNationalId: '1966072800031', decision: 'deny', purpose: 'TREAT', organisation: 'alzette-hospital', professional: null, dataCategory: 'medications' },
];

/**
 * Deterministic choices of the generated population, derived from the id so every run agrees:
 * about 8 % opt out of research, about 30 % opt in to AI training.
 */
export function generatedConsentRules(nationalId: string): DefaultRule[] {
  const byte = createHash('sha256').update(nationalId).digest()[0] ?? 0;
  const rules: DefaultRule[] = [];
  if (byte < 20) rules.push({ patientNationalId: nationalId, decision: 'deny', purpose: 'HRESCH', organisation: null, professional: null, dataCategory: null });
  if (byte >= 100 && byte < 177) rules.push({ patientNationalId: nationalId, decision: 'permit', purpose: 'MLTRAIN', organisation: null, professional: null, dataCategory: null });
  return rules;
}
