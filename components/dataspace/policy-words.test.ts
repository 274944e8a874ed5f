import { describe, expect, it } from 'vitest';
import { createTranslator } from 'use-intl';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { buildOffer } from '@/server/dataspace/provider/catalog-access';
import { DIGITAL_TWIN_DATASET, EHR_DATASET, GENOMICS_DATASET } from '@/server/dataspace/provider/datasets';
import { readableRule } from '@/server/dataspace/consumer/readable-policy';
import { accessRightsWords, ruleWords, type TPolicyTranslate } from './policy-words';

const tEn = createTranslator({ locale: 'en', messages: en, namespace: 'policy' }) as unknown as TPolicyTranslate;
const tFr = createTranslator({ locale: 'fr', messages: fr, namespace: 'policy' }) as unknown as TPolicyTranslate;

// Every offer the providers really put in their catalogs, in words.
const offers = [EHR_DATASET, GENOMICS_DATASET, DIGITAL_TWIN_DATASET].flatMap((d) => d.offers.map((o) => buildOffer('alzette-hospital', d, o)));
const sentences = (t: TPolicyTranslate) =>
  offers.flatMap((o) => [...(o.permission ?? []), ...(o.prohibition ?? []), ...(o.permission ?? []).flatMap((p) => p.duty ?? [])].map((r) => ruleWords(readableRule(r), t)));

describe('policies in words', () => {
  it('reads the catalog offers in English', () => {
    const en = sentences(tEn);
    expect(en).toContain('use the data — purpose is treatment (TREAT); consumer role is one of hospital');
    expect(en).toContain('delete the data — time after use at most 1 day');
    expect(en).toContain('delete the data — time after use at most 180 days');
    expect(en).toContain('re-identify people');
    expect(accessRightsWords('NON_PUBLIC', tEn)).toBe('not public');
  });

  it('reads them in French, and no raw identifier is left in either language', () => {
    const fr = sentences(tFr);
    expect(fr).toContain('supprimer les données — délai après usage au plus 180 jours');
    expect(fr).toContain('réidentifier des personnes');
    expect(accessRightsWords('NON_PUBLIC', tFr)).toBe('non public');
    for (const s of [...fr, ...sentences(tEn)]) expect(s).not.toMatch(/https?:|odrl|P\d+D|NON_PUBLIC|isAnyOf|lteq|elapsedTime|participantRole/);
  });
});
