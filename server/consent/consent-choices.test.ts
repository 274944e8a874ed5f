import { describe, expect, it } from 'vitest';
import type { ConsentRule } from './authority-consents';
import { applyChoice, mayAffectCare, overviewOf } from './consent-choices';

const none = { organisation: null, professional: null, dataCategory: null, validFrom: null, validUntil: null };
const defaults = (['TREAT', 'ETREAT', 'HRESCH', 'PUBHLTH'] as const).map((p) => ({ id: `default:${p}`, decision: 'permit' as const, purpose: p, ...none, appliesTo: 'everyone' as const }));
const everyone = [...defaults, { id: 'default:MLTRAIN', decision: 'deny' as const, purpose: 'MLTRAIN', ...none, appliesTo: 'everyone' as const }];
const mine = (rules: Array<Omit<ConsentRule, 'id'> & { id?: string }>) => rules.map((r, i) => ({ ...r, id: r.id ?? `r${i}`, appliesTo: 'patient' as const }));

describe('the patient\'s consent choices', () => {
  it('reads the defaults as the overview when the patient chose nothing', () => {
    const o = overviewOf(everyone);
    expect(o.purposes).toEqual([
      { purpose: 'TREAT', allowed: true, byDefault: true },
      { purpose: 'HRESCH', allowed: true, byDefault: true },
      { purpose: 'PUBHLTH', allowed: true, byDefault: true },
      { purpose: 'MLTRAIN', allowed: false, byDefault: true },
    ]);
    expect(o.emergencyAccess).toEqual({ allowed: true, byDefault: true });
  });

  it('withdraws and grants a purpose with one rule, replacing the earlier choice', () => {
    const withdrawn = applyChoice([], { kind: 'purpose', purpose: 'HRESCH', allow: false });
    expect(withdrawn).toEqual([{ decision: 'deny', purpose: 'HRESCH', ...none }]);
    const granted = applyChoice(mine(withdrawn), { kind: 'purpose', purpose: 'HRESCH', allow: true });
    expect(granted.map((r) => [r.purpose, r.decision])).toEqual([['HRESCH', 'permit']]);
    expect(overviewOf([...everyone, ...mine(withdrawn)]).purposes[1]).toEqual({ purpose: 'HRESCH', allowed: false, byDefault: false });
  });

  it('opts out of every secondary use at once and keeps other rules', () => {
    const block = mine([{ decision: 'deny', purpose: null, ...none, organisation: 'alzette-hospital' }]);
    const after = applyChoice(block, { kind: 'secondary-opt-out' });
    expect(after.map((r) => `${r.purpose}:${r.decision}`)).toEqual(['null:deny', 'HRESCH:deny', 'PUBHLTH:deny', 'MLTRAIN:deny']);
  });

  it('blocks an organisation or a professional once, hides a category from care, refuses emergency access', () => {
    const blocked = applyChoice([], { kind: 'block', target: 'organisation', id: 'alzette-hospital' });
    expect(applyChoice(mine(blocked), { kind: 'block', target: 'organisation', id: 'alzette-hospital' })).toHaveLength(1);
    const rules = mine([...blocked, ...applyChoice([], { kind: 'block', target: 'professional', id: 'elena.rossi@alzette.example' }), ...applyChoice([], { kind: 'hide', category: 'genomics' }), ...applyChoice([], { kind: 'emergency', allow: false })]);
    const o = overviewOf([...everyone, ...rules]);
    expect(o.blocks.map((b) => [b.target, b.id])).toEqual([['organisation', 'alzette-hospital'], ['professional', 'elena.rossi@alzette.example']]);
    expect(o.hidden.map((h) => h.category)).toEqual(['genomics']);
    expect(o.emergencyAccess).toEqual({ allowed: false, byDefault: false });
    expect(o.other).toBe(0);
    expect(applyChoice(rules, { kind: 'remove', ruleId: o.blocks[0]!.ruleId })).toHaveLength(3);
  });

  it('warns before the choices that may affect care, not before the others', () => {
    expect(mayAffectCare({ kind: 'block', target: 'organisation', id: 'x' })).toBe(true);
    expect(mayAffectCare({ kind: 'hide', category: 'genomics' })).toBe(true);
    expect(mayAffectCare({ kind: 'emergency', allow: false })).toBe(true);
    expect(mayAffectCare({ kind: 'purpose', purpose: 'TREAT', allow: false })).toBe(true);
    expect(mayAffectCare({ kind: 'purpose', purpose: 'HRESCH', allow: false })).toBe(false);
    expect(mayAffectCare({ kind: 'secondary-opt-out' })).toBe(false);
  });
});
