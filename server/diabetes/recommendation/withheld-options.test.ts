import { describe, expect, it } from 'vitest';
import { isUnread, missingDataMessage, withheldClasses } from './withheld-options';

const p = (status: 'ok' | 'timeout' | 'unavailable' | 'denied', consent: 'active' | 'partial' | 'withdrawn' | 'unknown') => ({ providerId: 'moselle-clinic', legalName: 'Clinique de la Moselle', status, consent });

describe('withheld options', () => {
  it('a provider that answered with full consent is read; any other is not', () => {
    expect(isUnread(p('ok', 'active'))).toBe(false);
    expect(isUnread(p('ok', 'partial'))).toBe(true);
    expect(isUnread(p('ok', 'withdrawn'))).toBe(true);
    expect(isUnread(p('timeout', 'unknown'))).toBe(true);
  });

  it('withholds the classes whose contraindication is a recorded condition, naming the provider', () => {
    expect(withheldClasses([]).size).toBe(0);
    const held = withheldClasses([p('unavailable', 'unknown')]);
    expect([...held.keys()].sort()).toEqual(['glp1ra', 'tzd']);
    expect(held.get('glp1ra')).toContain('Clinique de la Moselle');
  });

  it('says why the data is missing', () => {
    expect(missingDataMessage(p('timeout', 'unknown'))).toContain('did not answer in time');
    expect(missingDataMessage(p('ok', 'withdrawn'))).toContain('withdrawn consent');
    expect(missingDataMessage(p('denied', 'unknown'))).toContain('refused access');
  });
});
