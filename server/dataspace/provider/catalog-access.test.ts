import { describe, expect, it } from 'vitest';
import type { OdrlOffer } from '@/server/dataspace/protocol/dsp-types';
import { canonicalOfferMatch } from './catalog-access';

const catalog: OdrlOffer = { '@id': 'CD123:ACN0104:456', '@type': 'Offer', assigner: 'alzette-hospital', permission: [{ action: 'use', constraint: [] }] };

describe('canonicalOfferMatch', () => {
  it('takes an empty constraint list for no constraint (the DSP TCK requests {action: use})', () => {
    expect(canonicalOfferMatch(catalog, { '@id': 'CD123:ACN0104:456', '@type': 'Offer', target: 'ACN0104', permission: [{ action: 'use' }] })).toBe(true);
    expect(canonicalOfferMatch(catalog, { '@id': 'CD123:ACN0104:456', '@type': 'Offer', permission: [{ action: 'use', duty: [] }] })).toBe(true);
  });

  it('still refuses changed terms: another action, an added constraint or duty, a prohibition dropped', () => {
    expect(canonicalOfferMatch(catalog, { ...catalog, permission: [{ action: 'read' }] })).toBe(false);
    expect(canonicalOfferMatch(catalog, { ...catalog, permission: [{ action: 'use', constraint: [{ leftOperand: 'purpose', operator: 'eq', rightOperand: 'TREAT' }] }] })).toBe(false);
    expect(canonicalOfferMatch(catalog, { ...catalog, permission: [{ action: 'use', duty: [{ action: 'delete' }] }] })).toBe(false);
    const withProhibition: OdrlOffer = { ...catalog, prohibition: [{ action: 'distribute' }] };
    expect(canonicalOfferMatch(withProhibition, catalog)).toBe(false);
    expect(canonicalOfferMatch(catalog, { ...catalog, '@id': 'CD123:ACN0105:456' })).toBe(false);
  });
});
