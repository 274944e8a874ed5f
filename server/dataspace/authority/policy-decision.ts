import type { DataCategory } from '@/server/fhir/data-category';

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
  withdrawnAt: Date | null;
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
  /** Ids of the rules that decided, for the audit trail and the patient's view. */
  basis: string[];
}

function specificity(rule: ConsentRuleView): number {
  // A person's own rule always beats a default; then the narrower the scope, the stronger the rule.
  return (rule.patientNationalId === EVERYONE ? 0 : 100) + [rule.purpose, rule.organisation, rule.professional, rule.dataCategory].filter((v) => v !== null).length;
}

function applies(rule: ConsentRuleView, req: DecisionRequest, category: DataCategory, now: Date): boolean {
  return (
    rule.withdrawnAt === null &&
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
 * The policy decision point: for each data category, the most specific applicable rule decides (deny
 * wins a tie; no rule at all denies). Pure, so it is tested without a database; the caller loads the
 * person's rules and the defaults fresh for every decision (no cache, so a withdrawal counts at once).
 */
export function decide(req: DecisionRequest, rules: readonly ConsentRuleView[], now = new Date()): Decision {
  const categories: Partial<Record<DataCategory, 'permit' | 'deny'>> = {};
  const basis = new Set<string>();
  for (const category of req.categories) {
    let best: ConsentRuleView | undefined;
    for (const rule of rules) {
      if (!applies(rule, req, category, now)) continue;
      if (!best || specificity(rule) > specificity(best) || (specificity(rule) === specificity(best) && rule.decision === 'deny')) best = rule;
    }
    categories[category] = best?.decision ?? 'deny';
    if (best) basis.add(best.id);
  }
  const values = Object.values(categories);
  const permits = values.filter((v) => v === 'permit').length;
  const decision = permits === values.length && values.length > 0 ? 'permit' : permits === 0 ? 'deny' : 'partial';
  const status: ConsentStatus = decision === 'permit' ? 'active' : decision === 'partial' ? 'partial' : 'withdrawn';
  return { decision, status, categories, basis: [...basis] };
}

/**
 * Milliseconds until one of these rules starts or ends (undefined if none will): until then the decision
 * can change only by a consent write, which the authority pushes to the providers that keep decisions.
 */
export function msUntilRulesChange(rules: readonly ConsentRuleView[], now = new Date()): number | undefined {
  let next: number | undefined;
  for (const rule of rules) {
    if (rule.withdrawnAt !== null) continue;
    for (const bound of [rule.validFrom, rule.validUntil]) {
      if (bound && bound > now && (next === undefined || bound.getTime() < next)) next = bound.getTime();
    }
  }
  return next === undefined ? undefined : next - now.getTime();
}
