import { describe, expect, it } from 'vitest';
import { decide, EVERYONE, msUntilRulesChange, type ConsentRuleView } from './policy-decision';

const MARIE = '1958031500017';
const base = { patientNationalId: MARIE, purpose: null, organisation: null, professional: null, dataCategory: null, validFrom: null, validUntil: null, source: 'patient' as const } satisfies Omit<ConsentRuleView, 'id' | 'decision'>;
const rule = (id: string, decision: 'permit' | 'deny', more: Partial<ConsentRuleView> = {}): ConsentRuleView => ({ ...base, id, decision, ...more });
const byDefault = (id: string, decision: 'permit' | 'deny', purpose: string): ConsentRuleView => rule(id, decision, { patientNationalId: EVERYONE, purpose, source: 'default' });
const ask = { patient: MARIE, purpose: 'TREAT', organisation: 'alzette-hospital', professional: 'elena.rossi@alzette.example', categories: ['laboratory' as const, 'genomics' as const] };

describe('decide: precedence', () => {
  it('denies when no rule applies (fail closed)', () => {
    expect(decide(ask, [])).toMatchObject({ decision: 'deny', status: 'withdrawn', basis: [] });
    expect(decide(ask, [byDefault('d', 'permit', 'HRESCH')]).decision).toBe('deny');
  });

  it('a person\'s own rule beats a default, even a more specific default', () => {
    const defaults = [byDefault('d', 'permit', 'TREAT'), rule('d-genomics', 'permit', { patientNationalId: EVERYONE, purpose: 'TREAT', dataCategory: 'genomics', source: 'default' })];
    expect(decide(ask, [...defaults, rule('own', 'deny')]).decision).toBe('deny');
  });

  it('deny beats permit at the same level of detail', () => {
    const rules = [rule('p', 'permit', { purpose: 'TREAT' }), rule('d', 'deny', { purpose: 'TREAT' })];
    expect(decide(ask, rules)).toMatchObject({ decision: 'deny', basis: ['d'] });
    expect(decide(ask, [...rules].reverse()).basis).toEqual(['d']);
  });

  it('a more specific permit beats a general deny (opt out of research except for one institute)', () => {
    const rules = [rule('no-research', 'deny', { purpose: 'HRESCH' }), rule('but-institute', 'permit', { purpose: 'HRESCH', organisation: 'research-institute' })];
    expect(decide({ ...ask, purpose: 'HRESCH', organisation: 'research-institute' }, rules)).toMatchObject({ decision: 'permit', basis: ['but-institute'] });
    expect(decide({ ...ask, purpose: 'HRESCH', organisation: 'other-lab' }, rules)).toMatchObject({ decision: 'deny', basis: ['no-research'] });
  });

  it('a more specific deny beats a general permit, per data category (partial)', () => {
    const rules = [byDefault('care', 'permit', 'TREAT'), rule('hide-genomics', 'deny', { purpose: 'TREAT', dataCategory: 'genomics' })];
    expect(decide(ask, rules)).toMatchObject({ decision: 'partial', status: 'partial', categories: { laboratory: 'permit', genomics: 'deny' } });
  });

  it('blocking an organisation or a named professional applies to them only', () => {
    const rules = [byDefault('care', 'permit', 'TREAT'), rule('block-alzette', 'deny', { organisation: 'alzette-hospital' })];
    expect(decide(ask, rules).status).toBe('withdrawn');
    expect(decide({ ...ask, organisation: 'moselle-clinic', professional: 'someone@moselle.example' }, rules).status).toBe('active');
    const professional = [byDefault('care', 'permit', 'TREAT'), rule('block-elena', 'deny', { professional: 'elena.rossi@alzette.example' })];
    expect(decide(ask, professional).status).toBe('withdrawn');
    expect(decide({ ...ask, professional: 'jean.weber@alzette.example' }, professional).status).toBe('active');
  });

  it('a block of an organisation (two fields: organisation + purpose) beats a category permit (two fields) only by deny-wins', () => {
    const rules = [rule('block', 'deny', { purpose: 'TREAT', organisation: 'alzette-hospital' }), rule('labs', 'permit', { purpose: 'TREAT', dataCategory: 'laboratory' })];
    expect(decide(ask, rules).categories.laboratory).toBe('deny');
  });

  it('a rule counts only within its period', () => {
    const at = new Date('2026-12-01T12:00:00Z');
    const rules = [byDefault('care', 'permit', 'TREAT'), rule('later', 'deny', { validFrom: new Date('2026-12-02T00:00:00Z') }), rule('over', 'deny', { validUntil: new Date('2026-12-01T00:00:00Z') })];
    expect(decide(ask, rules, at).status).toBe('active');
    expect(decide(ask, rules, new Date('2026-12-03T00:00:00Z')).status).toBe('withdrawn');
  });

  it('names the Consent version that decided, or none when only defaults did', () => {
    const version = { consentId: 'c1', version: 3, dateTime: '2026-12-01T10:00:00Z' };
    expect(decide(ask, [byDefault('care', 'permit', 'TREAT')]).consentVersion).toBeNull();
    expect(decide(ask, [byDefault('care', 'permit', 'TREAT'), rule('g', 'deny', { dataCategory: 'genomics', consent: version })]).consentVersion).toEqual(version);
  });
});

describe('msUntilRulesChange', () => {
  const at = new Date('2026-11-29T08:00:00Z');
  const timed = (validFrom: string | null, validUntil: string | null) => rule('r', 'permit', { validFrom: validFrom ? new Date(validFrom) : null, validUntil: validUntil ? new Date(validUntil) : null });
  it('is the time to the nearest future start or end of a rule', () => {
    expect(msUntilRulesChange([timed(null, null)], at)).toBeUndefined();
    expect(msUntilRulesChange([timed('2026-11-29T07:00:00Z', '2026-11-29T09:00:00Z'), timed('2026-11-29T08:30:00Z', null)], at)).toBe(30 * 60_000);
    expect(msUntilRulesChange([timed(null, '2026-11-29T07:00:10Z')], at)).toBeUndefined();
  });
});
