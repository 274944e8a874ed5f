import { describe, expect, it } from 'vitest';
import { msUntilRulesChange } from './policy-decision';

describe('msUntilRulesChange', () => {
  const at = new Date('2026-11-29T08:00:00Z');
  const rule = (validFrom: string | null, validUntil: string | null, withdrawnAt: string | null = null) => ({
    id: 'r', patientNationalId: '1958031500017', decision: 'permit' as const, purpose: null, organisation: null, professional: null, dataCategory: null, source: 'patient' as const,
    validFrom: validFrom ? new Date(validFrom) : null, validUntil: validUntil ? new Date(validUntil) : null, withdrawnAt: withdrawnAt ? new Date(withdrawnAt) : null,
  });
  it('is the time to the nearest future start or end of a live rule', () => {
    expect(msUntilRulesChange([rule(null, null)], at)).toBeUndefined();
    expect(msUntilRulesChange([rule('2026-11-29T07:00:00Z', '2026-11-29T09:00:00Z'), rule('2026-11-29T08:30:00Z', null)], at)).toBe(30 * 60_000);
    expect(msUntilRulesChange([rule(null, '2026-11-29T08:00:10Z', '2026-11-28T00:00:00Z')], at)).toBeUndefined();
  });
});
