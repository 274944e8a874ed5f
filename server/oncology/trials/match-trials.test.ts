import { describe, expect, it } from 'vitest';
import raw from './trials.json';
import { matchTrials, parseTrialSet, type TTrialMatch } from './match-trials';
import type { TTrialCase } from './trial-schema';

// Paul Hoffmann's case (demo): stage IV EGFR L858R NSCLC, ECOG 1, on first-line osimertinib.
const PAUL: TTrialCase = { tumour: 'C34.9', age: 64, sex: 'male', ecog: 1, stage: 'IV', priorLines: 0, variants: ['EGFR p.Leu858Arg'] };
const byId = (matches: TTrialMatch[], id: string) => matches.find((m) => m.trial.id === id);
const statuses = (m: TTrialMatch | undefined) => Object.fromEntries((m?.criteria ?? []).map((c) => [c.criterion, c.status]));

describe('matchTrials', () => {
  it('an EGFR L858R NSCLC case is eligible for the first-line EGFR trial, every criterion met', () => {
    const r = matchTrials(PAUL);
    expect(r.illustrative).toBe(true);
    expect(r.matches[0]?.trial.id).toBe('ILL-NSCLC-EGFR-01');
    expect(r.matches[0]?.overall).toBe('eligible');
    expect(Object.values(statuses(r.matches[0])).every((s) => s === 'met')).toBe(true);
  });

  it('names the unmet criterion: prior lines for the post-osimertinib trial, condition for a colorectal trial', () => {
    const r = matchTrials(PAUL);
    expect(byId(r.matches, 'ILL-NSCLC-EGFR-02')).toMatchObject({ overall: 'ineligible' });
    expect(statuses(byId(r.matches, 'ILL-NSCLC-EGFR-02')).priorLines).toBe('unmet');
    expect(statuses(byId(r.matches, 'ILL-CRC-KRAS-01')).condition).toBe('unmet');
  });

  it('unknown where the record does not say: no ECOG, no molecular report', () => {
    const r = matchTrials({ ...PAUL, ecog: null, variants: null });
    const egfr = byId(r.matches, 'ILL-NSCLC-EGFR-01');
    expect(egfr?.overall).toBe('possible');
    expect(statuses(egfr)).toMatchObject({ ecog: 'unknown', requiredVariants: 'unknown', excludedVariants: 'unknown', stage: 'met' });
  });

  it('an excluded variant makes the case ineligible: T790M for the first-line trial', () => {
    const r = matchTrials({ ...PAUL, variants: ['EGFR L858R', 'EGFR T790M'] });
    expect(statuses(byId(r.matches, 'ILL-NSCLC-EGFR-01')).excludedVariants).toBe('unmet');
  });

  it('exon 19 deletion written in HGVS meets a trial that names the class', () => {
    const r = matchTrials({ ...PAUL, variants: ['EGFR p.Glu746_Ala750del'] });
    expect(byId(r.matches, 'ILL-NSCLC-EGFR-01')?.overall).toBe('eligible');
  });

  it('a KRAS G12C colorectal case after one line: the G12C + anti-EGFR trial; ECOG 2 fails it', () => {
    const luc: TTrialCase = { tumour: 'colorectal', age: 71, sex: 'male', ecog: 1, stage: 'IV', priorLines: 1, variants: ['KRAS G12C'] };
    expect(byId(matchTrials(luc).matches, 'ILL-CRC-KRAS-01')?.overall).toBe('eligible');
    expect(statuses(byId(matchTrials({ ...luc, ecog: 2 }).matches, 'ILL-CRC-KRAS-01')).ecog).toBe('unmet');
  });

  it('a basket trial takes any tumour with the fusion', () => {
    const r = matchTrials({ tumour: 'breast', age: 50, sex: 'female', ecog: 0, stage: 'IV', priorLines: 2, variants: ['ETV6-NTRK3 fusion'] });
    expect(byId(r.matches, 'ILL-AGNOSTIC-NTRK-01')?.overall).toBe('eligible');
  });

  it('refuses a set with an NCT number while illustrative, or a variant it cannot read', () => {
    const withNct = structuredClone(raw);
    (withNct.trials[0] as { nctId: string | null }).nctId = 'NCT01234567';
    expect(() => parseTrialSet(withNct)).toThrow(/illustrative set carries no NCT numbers/);
    const badVariant = structuredClone(raw);
    (badVariant.trials[0]?.criteria.requiredVariants as string[]).push('EGFR banana');
    expect(() => parseTrialSet(badVariant)).toThrow(/not a protein change/);
  });
});
