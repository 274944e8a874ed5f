import type { ConsentRule } from './authority-consents';

/**
 * The patient's choices, as the dashboard shows and changes them, on top of the rules of their FHIR
 * Consent (one provision each). Pure: the overview is read from the rules, and each choice is a new
 * rule set the authority stores as the next version.
 *
 * What each choice writes (precedence in server/dataspace/authority/policy-decision.ts):
 * - grant/withdraw a purpose: one rule for that purpose alone (replacing an earlier one), so it beats
 *   the deployment's default for it either way (GDPR Art. 7(3): withdrawing as easy as granting);
 * - opt out of all secondary use: withdraw research, public health and AI training (EHDS Art. 71);
 * - block an organisation or a named professional: deny for every purpose, emergency access included
 *   (Mon espace santé's "bloquer un professionnel");
 * - hide a data category from direct care: deny that category for treatment (EHDS Art. 8); emergency
 *   care still sees it unless emergency access is refused as well;
 * - no emergency access: deny ETREAT (Luxembourg's DSP lets a patient refuse the emergency access).
 */
export const CHOOSABLE_PURPOSES = ['TREAT', 'HRESCH', 'PUBHLTH', 'MLTRAIN'] as const;
export type ChoosablePurpose = (typeof CHOOSABLE_PURPOSES)[number];
export const SECONDARY_PURPOSES = ['HRESCH', 'PUBHLTH', 'MLTRAIN'] as const satisfies readonly ChoosablePurpose[];
export const HIDEABLE_CATEGORIES = ['medications', 'laboratory', 'conditions', 'procedures', 'oncology', 'genomics'] as const;
export type HideableCategory = (typeof HIDEABLE_CATEGORIES)[number];

export type ConsentChoice =
  | { kind: 'purpose'; purpose: ChoosablePurpose; allow: boolean }
  | { kind: 'secondary-opt-out' }
  | { kind: 'block'; target: 'organisation' | 'professional'; id: string }
  | { kind: 'hide'; category: HideableCategory }
  | { kind: 'emergency'; allow: boolean }
  | { kind: 'remove'; ruleId: string };

type Rule = Omit<ConsentRule, 'id'> & { id?: string };
const none = { organisation: null, professional: null, dataCategory: null, validFrom: null, validUntil: null };

/** A rule about a whole purpose: names nothing else and runs without end. */
const isPurposeWide = (r: Rule, purpose: string) => r.purpose === purpose && r.organisation === null && r.professional === null && r.dataCategory === null && r.validFrom === null && r.validUntil === null;

function setPurpose(rules: Rule[], purpose: string, allow: boolean): Rule[] {
  return [...rules.filter((r) => !isPurposeWide(r, purpose)), { decision: allow ? 'permit' : 'deny', purpose, ...none }];
}

/** The rule set after one choice; unchanged (same content) when the choice is already in force. */
export function applyChoice(rules: readonly ConsentRule[], choice: ConsentChoice): Rule[] {
  const own: Rule[] = [...rules];
  switch (choice.kind) {
    case 'purpose':
      return setPurpose(own, choice.purpose, choice.allow);
    case 'secondary-opt-out':
      return SECONDARY_PURPOSES.reduce((acc, p) => setPurpose(acc, p, false), own);
    case 'emergency':
      return setPurpose(own, 'ETREAT', choice.allow);
    case 'block': {
      const field = choice.target === 'organisation' ? 'organisation' : 'professional';
      if (own.some((r) => r.decision === 'deny' && r.purpose === null && r[field] === choice.id && r.dataCategory === null)) return own;
      return [...own, { decision: 'deny', purpose: null, ...none, [field]: choice.id }];
    }
    case 'hide':
      if (own.some((r) => r.decision === 'deny' && r.purpose === 'TREAT' && r.dataCategory === choice.category && r.organisation === null && r.professional === null)) return own;
      return [...own, { decision: 'deny', purpose: 'TREAT', ...none, dataCategory: choice.category }];
    case 'remove':
      return own.filter((r) => r.id !== choice.ruleId);
  }
}

/** Whether a choice may keep a clinician from data they need for the patient's care (EHDS Art. 8: warn first). */
export function mayAffectCare(choice: ConsentChoice): boolean {
  return (choice.kind === 'purpose' && choice.purpose === 'TREAT' && !choice.allow) || choice.kind === 'block' || choice.kind === 'hide' || (choice.kind === 'emergency' && !choice.allow);
}

export interface ConsentOverview {
  purposes: Array<{ purpose: ChoosablePurpose; allowed: boolean; byDefault: boolean }>;
  emergencyAccess: { allowed: boolean; byDefault: boolean };
  blocks: Array<{ ruleId: string; target: 'organisation' | 'professional'; id: string }>;
  hidden: Array<{ ruleId: string; category: string }>;
  /** Rules of other shapes (a steward's, or timed ones): shown as they are, in the history. */
  other: number;
}

/** What the patient's rules and the defaults mean, in the dashboard's terms. */
export function overviewOf(rules: ReadonlyArray<ConsentRule & { appliesTo: 'everyone' | 'patient' }>): ConsentOverview {
  const own = rules.filter((r) => r.appliesTo === 'patient');
  const stateOf = (purpose: string) => {
    const mine = own.filter((r) => isPurposeWide(r, purpose));
    if (mine.length > 0) return { allowed: mine.every((r) => r.decision === 'permit'), byDefault: false };
    const defaults = rules.filter((r) => r.appliesTo === 'everyone' && isPurposeWide(r, purpose));
    return { allowed: defaults.length > 0 && defaults.every((r) => r.decision === 'permit'), byDefault: true };
  };
  const blocks = own.flatMap((r) => (r.decision === 'deny' && r.purpose === null && r.dataCategory === null && (r.organisation ?? r.professional) ? [{ ruleId: r.id, target: r.organisation ? ('organisation' as const) : ('professional' as const), id: (r.organisation ?? r.professional) as string }] : []));
  const hidden = own.flatMap((r) => (r.decision === 'deny' && r.purpose === 'TREAT' && r.dataCategory && !r.organisation && !r.professional ? [{ ruleId: r.id, category: r.dataCategory }] : []));
  const known = new Set([...blocks.map((b) => b.ruleId), ...hidden.map((h) => h.ruleId), ...own.filter((r) => CHOOSABLE_PURPOSES.some((p) => isPurposeWide(r, p)) || isPurposeWide(r, 'ETREAT')).map((r) => r.id)]);
  return {
    purposes: CHOOSABLE_PURPOSES.map((purpose) => ({ purpose, ...stateOf(purpose) })),
    emergencyAccess: stateOf('ETREAT'),
    blocks,
    hidden,
    other: own.filter((r) => !known.has(r.id)).length,
  };
}
