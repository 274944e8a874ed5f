import type { DataCategory } from '@/server/fhir/data-category';

/**
 * The policy decision point, pure. It decides on the rules a person's current FHIR Consent version
 * states (consent-resource.ts flattens its provision tree into them) together with the deployment's
 * defaults (default-consents.ts). Precedence, for each data category asked about:
 *   1. Only rules that apply count: the purpose, organisation, professional and data category they
 *      name (a rule naming none of a field applies to any value of it) match the request, and now
 *      lies within the rule's period.
 *   2. A person's own rule beats every default, whatever either names.
 *   3. Among the same kind, the more specific rule beats the more general one: the one naming more of
 *      purpose, organisation, professional and data category ("deny research" loses to "permit
 *      research by the research institute"; "permit care" loses to "deny care for genomics").
 *   4. At the same level of detail, deny beats permit.
 *   5. No applicable rule at all: deny (fail closed).
 * Each case is in policy-decision.test.ts.
 */

/** The Consent version a rule comes from (null for the deployment's defaults). */
export interface ConsentBasis {
  consentId: string;
  version: number;
  dateTime: string | null;
}

export interface ConsentRuleView {
  id: string;
  patientNationalId: string;
  decision: 'permit' | 'deny';
  purpose: string | null;
  organisation: string | null;
  professional: string | null;
  dataCategory: string | null;
  validFrom: Date | null;
  validUntil: Date | null;
  source: 'default' | 'patient' | 'steward';
  consent?: ConsentBasis | null;
}

/** Patient id of the default rules that apply to every person without a rule of their own. */
export const EVERYONE = '*' as const;

export interface DecisionRequest {
  patient: string;
  purpose: string;
  organisation: string;
  professional?: string;
  categories: DataCategory[];
}

export const CONSENT_STATUSES = { active: 'active', partial: 'partial', withdrawn: 'withdrawn' } as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[keyof typeof CONSENT_STATUSES];

export interface Decision {
  decision: 'permit' | 'deny' | 'partial';
  status: ConsentStatus;
  categories: Partial<Record<DataCategory, 'permit' | 'deny'>>;
  /** Ids of the rules (provisions) that decided, for the audit trail and the patient's view. */
  basis: string[];
  /** The person's Consent version whose provisions decided at least one category; null when only defaults did. */
  consentVersion: ConsentBasis | null;
}

function specificity(rule: ConsentRuleView): number {
  // A person's own rule always beats a default; then the narrower the scope, the stronger the rule.
  return (rule.patientNationalId === EVERYONE ? 0 : 100) + [rule.purpose, rule.organisation, rule.professional, rule.dataCategory].filter((v) => v !== null).length;
}

function applies(rule: ConsentRuleView, req: DecisionRequest, category: DataCategory, now: Date): boolean {
  return (
    (rule.patientNationalId === EVERYONE || rule.patientNationalId === req.patient) &&
    (rule.purpose === null || rule.purpose === req.purpose) &&
    (rule.organisation === null || rule.organisation === req.organisation) &&
    (rule.professional === null || rule.professional === req.professional) &&
    (rule.dataCategory === null || rule.dataCategory === category) &&
    (rule.validFrom === null || rule.validFrom <= now) &&
    (rule.validUntil === null || rule.validUntil > now)
  );
}

/**
 * For each data category, the rule the precedence above picks decides. The caller keeps the person's
 * rules only until the next consent write, so a withdrawal counts from the very next decision.
 */
export function decide(req: DecisionRequest, rules: readonly ConsentRuleView[], now = new Date()): Decision {
  const categories: Partial<Record<DataCategory, 'permit' | 'deny'>> = {};
  const basis = new Set<string>();
  let consentVersion: ConsentBasis | null = null;
  for (const category of req.categories) {
    let best: ConsentRuleView | undefined;
    for (const rule of rules) {
      if (!applies(rule, req, category, now)) continue;
      if (!best || specificity(rule) > specificity(best) || (specificity(rule) === specificity(best) && rule.decision === 'deny')) best = rule;
    }
    categories[category] = best?.decision ?? 'deny';
    if (best) basis.add(best.id);
    if (best?.consent) consentVersion = best.consent;
  }
  const values = Object.values(categories);
  const permits = values.filter((v) => v === 'permit').length;
  const decision = permits === values.length && values.length > 0 ? 'permit' : permits === 0 ? 'deny' : 'partial';
  const status: ConsentStatus = decision === 'permit' ? 'active' : decision === 'partial' ? 'partial' : 'withdrawn';
  return { decision, status, categories, basis: [...basis], consentVersion };
}

/**
 * Milliseconds until one of these rules starts or ends (undefined if none will): until then the decision
 * can change only by a consent write, which the authority pushes to the providers that keep decisions.
 */
export function msUntilRulesChange(rules: readonly ConsentRuleView[], now = new Date()): number | undefined {
  let next: number | undefined;
  for (const rule of rules) {
    for (const bound of [rule.validFrom, rule.validUntil]) {
      if (bound && bound > now && (next === undefined || bound.getTime() < next)) next = bound.getTime();
    }
  }
  return next === undefined ? undefined : next - now.getTime();
}
