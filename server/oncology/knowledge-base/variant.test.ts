import { describe, expect, it } from 'vitest';
import { parseVariant, proteinChange, VariantParseError } from './variant';

describe('parseVariant', () => {
  it.each([
    ['EGFR L858R', { gene: 'EGFR', kind: 'protein', change: 'L858R', position: 858 }],
    ['EGFR p.Leu858Arg', { gene: 'EGFR', kind: 'protein', change: 'L858R' }],
    ['egfr NP_005219.2:p.Leu858Arg', { gene: 'EGFR', kind: 'protein', change: 'L858R' }],
    ['KRAS p.(Gly12Cys)', { gene: 'KRAS', kind: 'protein', change: 'G12C', position: 12 }],
    ['EGFR exon 19 deletion', { gene: 'EGFR', kind: 'class', class: 'exon 19 deletion' }],
    ['EGFR ex19del', { gene: 'EGFR', kind: 'class', class: 'exon 19 deletion' }],
    ['EGFR p.E746_A750del', { gene: 'EGFR', kind: 'class', class: 'exon 19 deletion' }],
    ['ERBB2 amplification', { gene: 'ERBB2', kind: 'class', class: 'amplification' }],
    ['EML4-ALK fusion', { gene: 'ALK', kind: 'class', class: 'fusion' }],
    ['NTRK1 fusion', { gene: 'NTRK1', kind: 'class', class: 'fusion' }],
    ['MSI-H', { gene: null, kind: 'class', class: 'MSI-H' }],
    ['dMMR', { gene: null, kind: 'class', class: 'MSI-H' }],
    ['TMB-high', { gene: null, kind: 'class', class: 'TMB-high' }],
    ['TMB 14 mut/Mb', { gene: null, kind: 'class', class: 'TMB-high' }],
  ])('%s', (text, expected) => {
    expect(parseVariant(text)).toMatchObject(expected);
  });

  it.each([
    ['', /empty/],
    ['EGFR', /names no alteration/],
    ['EGFR L858', /not a protein change/],
    ['EGFR L858L', /not a protein change/],
    ['KRAS exon 19 deletion', /EGFR alteration class/],
    ['TMB 6 mut/Mb', /below the TMB-high threshold/],
    ['EGFR p.L747_P753del extra', /not a protein change/],
  ])('rejects %j', (text, message) => {
    expect(() => parseVariant(text)).toThrow(VariantParseError);
    expect(() => parseVariant(text)).toThrow(message);
  });

  it('keeps stop gains apart from missense changes', () => {
    expect(proteinChange('p.Arg213Ter')).toEqual({ change: 'R213*', position: 213 });
  });
});
