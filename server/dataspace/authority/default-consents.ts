import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { DATA_CATEGORIES, type DataCategory } from '@/server/fhir/data-category';
import { PURPOSES, type Purpose } from '@/server/dataspace/protocol/purpose-of-use';
import type { ConsentProvisionSpec } from './consent-resource';
import { EVERYONE, type ConsentRuleView } from './policy-decision';

/** One default rule of a deployment: applies to everyone without a rule of their own on the point. */
const ZDefaultRule = z.object({
  purpose: z.enum(Object.values(PURPOSES) as [Purpose, ...Purpose[]]),
  decision: z.enum(['permit', 'deny']),
  dataCategory: z.enum(Object.values(DATA_CATEGORIES) as [DataCategory, ...DataCategory[]]).nullable().default(null),
});
export const ZConsentDefaults = z.object({ rules: z.array(ZDefaultRule).min(1) }).strict();
export type TConsentDefaults = z.infer<typeof ZConsentDefaults>;

/**
 * Care (TREAT, ETREAT) is permitted; secondary use for research and public health follows the EHDS
 * opt-out model (Art. 71); AI training is opt-in. A deployment changes these with CONSENT_DEFAULTS_FILE.
 */
export const DEFAULT_CONSENT_POLICY: TConsentDefaults = {
  rules: [
    { purpose: 'TREAT', decision: 'permit', dataCategory: null },
    { purpose: 'ETREAT', decision: 'permit', dataCategory: null },
    { purpose: 'HRESCH', decision: 'permit', dataCategory: null },
    { purpose: 'PUBHLTH', decision: 'permit', dataCategory: null },
    { purpose: 'MLTRAIN', decision: 'deny', dataCategory: null },
  ],
};

/** The deployment's defaults: the JSON file CONSENT_DEFAULTS_FILE names (checked; a bad file stops start-up), else the above. */
export function readConsentDefaults(file: string | undefined): TConsentDefaults {
  if (!file) return DEFAULT_CONSENT_POLICY;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`CONSENT_DEFAULTS_FILE ${file}: ${(error as Error).message}`);
  }
  const parsed = ZConsentDefaults.safeParse(json);
  if (!parsed.success) throw new Error(`CONSENT_DEFAULTS_FILE ${file}:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  return parsed.data;
}

/** The defaults as rules for everyone, as the policy decision point reads them. */
export function defaultRules(defaults: TConsentDefaults): ConsentRuleView[] {
  return defaults.rules.map((r) => ({
    id: `default:${r.purpose}${r.dataCategory ? `:${r.dataCategory}` : ''}`,
    patientNationalId: EVERYONE,
    decision: r.decision,
    purpose: r.purpose,
    organisation: null,
    professional: null,
    dataCategory: r.dataCategory,
    validFrom: null,
    validUntil: null,
    source: 'default',
    consent: null,
  }));
}

const rule = (id: string, decision: 'permit' | 'deny', purpose: string, more: Partial<ConsentProvisionSpec> = {}): ConsentProvisionSpec => ({ id, decision, purpose, organisation: null, professional: null, dataCategory: null, validFrom: null, validUntil: null, ...more });

/** Choices of the demo patients (their Consent version 1), so that every consent status appears in the demo. */
export const DEMO_CONSENTS: Readonly<Record<string, readonly ConsentProvisionSpec[]>> = {
  // Marie Schmit agrees to AI training.
  '1958031500017': [rule('demo-mltrain', 'permit', 'MLTRAIN')],
  // Luc Klein opted out of research use.
  '1955012600062': [rule('demo-hresch', 'deny', 'HRESCH')],
  // Anne Muller keeps her medication list from Alzette (partial consent for care there).
  '1966072800031': [rule('demo-medications', 'deny', 'TREAT', { organisation: 'alzette-hospital', dataCategory: 'medications' })],
};

/**
 * Deterministic choices of the generated population, derived from the id so every run agrees:
 * about 8 % opt out of research, about 30 % opt in to AI training.
 */
export function generatedConsentRules(nationalId: string): ConsentProvisionSpec[] {
  const byte = createHash('sha256').update(nationalId).digest()[0] ?? 0;
  const rules: ConsentProvisionSpec[] = [];
  if (byte < 20) rules.push(rule('seed-hresch', 'deny', 'HRESCH'));
  if (byte >= 100 && byte < 177) rules.push(rule('seed-mltrain', 'permit', 'MLTRAIN'));
  return rules;
}
