import { describe, expect, it } from 'vitest';
import { evidenceFor } from './evidence';
import { TumourParseError } from './tumour';

const levels = (tumour: string, variant: string) => evidenceFor({ tumour, variants: [variant] }).matches.map((m) => `${m.drugs.join('+')}:${m.oncokbLevel}`);

describe('matchEvidence, case by case', () => {
  it('EGFR L858R in NSCLC: osimertinib, OncoKB level 1, ESCAT I-A, FLAURA', () => {
    const r = evidenceFor({ tumour: 'NSCLC', variants: ['EGFR L858R'] });
    expect(r.matches).toHaveLength(1);
    expect(r.matches[0]).toMatchObject({ drugs: ['osimertinib'], oncokbLevel: '1', escatTier: 'I-A', resistance: false });
    expect(r.matches[0]?.sources).toContainEqual(expect.objectContaining({ kind: 'pmid', ref: '29151359' }));
  });

  it('EGFR exon 19 deletion, written as HGVS, in lung by ICD-10: osimertinib level 1', () => {
    const r = evidenceFor({ tumour: 'C34.1', variants: ['EGFR p.Glu746_Ala750del'] });
    expect(r.tumour).toMatchObject({ key: 'nsclc', icd10: 'C34.1' });
    expect(r.matches.map((m) => m.drugs)).toEqual([['osimertinib']]);
  });

  it('EGFR T790M: osimertinib level 1, and resistance (R1) to the first-generation inhibitors', () => {
    const r = evidenceFor({ tumour: 'lung', variants: ['EGFR T790M'] });
    expect(r.matches.map((m) => `${m.drugs.join('+')}:${m.oncokbLevel}:${m.resistance}`)).toEqual(['osimertinib:1:false', 'gefitinib+erlotinib:R1:true']);
  });

  it('KRAS G12C in NSCLC: sotorasib and adagrasib monotherapy at level 1', () => {
    expect(levels('NSCLC', 'KRAS G12C')).toEqual(['sotorasib:1', 'adagrasib:1']);
  });

  it('KRAS G12C in colorectal: only the anti-EGFR combinations at level 1; monotherapy explained as not standard', () => {
    const r = evidenceFor({ tumour: 'colorectal', variants: ['KRAS G12C'] });
    const sensitive = r.matches.filter((m) => !m.resistance);
    expect(sensitive.map((m) => m.drugs.join('+'))).toEqual(['adagrasib+cetuximab', 'sotorasib+panitumumab']);
    expect(sensitive.some((m) => m.drugs.length === 1)).toBe(false);
    const mono = r.nonMatches.filter((n) => n.kind === 'not-standard');
    expect(mono).toHaveLength(1);
    expect(mono[0]?.drugs).toEqual(['sotorasib', 'adagrasib']);
    expect(mono[0]?.reason).toMatch(/monotherapy is not standard in colorectal/);
    // The NSCLC monotherapy entries are explained by that rule, not listed again as "other tumour".
    expect(r.nonMatches.filter((n) => n.kind === 'other-tumour')).toEqual([]);
    // KRAS G12C is a RAS mutation: anti-EGFR antibodies alone are flagged as resistance.
    expect(r.matches.find((m) => m.resistance)).toMatchObject({ drugs: ['cetuximab', 'panitumumab'], oncokbLevel: 'R1' });
  });

  it('KRAS G12D and NRAS Q61K in colorectal: resistance to cetuximab/panitumumab, no sensitive match', () => {
    for (const v of ['KRAS G12D', 'NRAS Q61K', 'KRAS A146T']) {
      const r = evidenceFor({ tumour: 'CRC', variants: [v] });
      expect(r.matches.map((m) => `${m.drugs.join('+')}:${m.oncokbLevel}`)).toEqual(['cetuximab+panitumumab:R1']);
    }
    // A KRAS change outside the hotspots is not a known resistance marker.
    expect(levels('colorectal', 'KRAS G60R')).toEqual([]);
  });

  it('KRAS G12D in NSCLC: no match; the colorectal resistance entry is named as another tumour', () => {
    const r = evidenceFor({ tumour: 'NSCLC', variants: ['KRAS G12D'] });
    expect(r.matches).toEqual([]);
    expect(r.nonMatches.map((n) => `${n.entryId}:${n.kind}`)).toEqual(['ras-colorectal-anti-egfr-resistance:other-tumour']);
  });

  it('BRAF V600E: the combination of each tumour', () => {
    expect(levels('melanoma', 'BRAF V600E')).toEqual(['dabrafenib+trametinib:1']);
    expect(levels('colorectal', 'BRAF p.Val600Glu')).toEqual(['encorafenib+cetuximab:1']);
    expect(levels('NSCLC', 'BRAF V600E')).toEqual(['dabrafenib+trametinib:1']);
    const crc = evidenceFor({ tumour: 'colorectal', variants: ['BRAF V600E'] });
    expect(crc.nonMatches.map((n) => n.entryId).sort()).toEqual(['braf-v600e-melanoma-dabrafenib-trametinib', 'braf-v600e-nsclc-dabrafenib-trametinib']);
    expect(crc.nonMatches[0]?.reason).toMatch(/level 3B at most/);
  });

  it('ERBB2 amplification in breast: trastuzumab and T-DXd; PIK3CA H1047R: alpelisib + fulvestrant', () => {
    expect(levels('breast', 'ERBB2 amplification')).toEqual(['trastuzumab:1', 'trastuzumab deruxtecan:1']);
    expect(levels('C50.9', 'PIK3CA H1047R')).toEqual(['alpelisib+fulvestrant:1']);
  });

  it('ALK fusion in NSCLC; NTRK fusion in any tumour (tumour-agnostic)', () => {
    expect(levels('NSCLC', 'EML4-ALK fusion')).toEqual(['alectinib:1', 'lorlatinib:1']);
    expect(levels('colorectal', 'NTRK1 fusion')).toEqual(['larotrectinib:1', 'entrectinib:1']);
    const r = evidenceFor({ tumour: 'breast', variants: ['ETV6-NTRK3 fusion'] });
    expect(r.matches.every((m) => m.indication === 'any solid tumour')).toBe(true);
  });

  it('MSI-H / dMMR and TMB-high: pembrolizumab tumour-agnostic', () => {
    expect(levels('colorectal', 'dMMR')).toEqual(['pembrolizumab:1']);
    expect(levels('melanoma', 'TMB 12 mut/Mb')).toEqual(['pembrolizumab:1']);
  });

  it('tumour "any": every entry about the variant matches, with its indication', () => {
    const r = evidenceFor({ tumour: 'any', variants: ['BRAF V600E'] });
    expect(r.matches.map((m) => m.indication).sort()).toEqual(['Colorectal cancer', 'Melanoma', 'Non-small cell lung cancer']);
    expect(r.nonMatches).toEqual([]);
  });

  it('several variants at once, levels before resistance', () => {
    const r = evidenceFor({ tumour: 'NSCLC', variants: ['EGFR T790M', 'EGFR L858R'] });
    expect(r.matches.map((m) => m.oncokbLevel)).toEqual(['1', '1', 'R1']);
  });

  it('a variant the knowledge base does not know gives no match and no error', () => {
    expect(evidenceFor({ tumour: 'breast', variants: ['TP53 R175H'] })).toMatchObject({ matches: [], nonMatches: [] });
  });

  it('unknown tumours and ICD-10 codes outside the knowledge base are refused with the reason', () => {
    expect(() => evidenceFor({ tumour: 'pancreas', variants: ['KRAS G12D'] })).toThrow(TumourParseError);
    expect(() => evidenceFor({ tumour: 'C25.0', variants: ['KRAS G12D'] })).toThrow(/outside the tumour types/);
  });
});
