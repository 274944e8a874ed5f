import { describe, expect, it } from 'vitest';
import raw from './actionability.json';
import { knowledgeBase, parseKnowledgeBase } from './knowledge-base';

describe('the shipped knowledge base', () => {
  it('validates, with a version and a review date', () => {
    const kb = knowledgeBase();
    expect(kb.version).toMatch(/^\d{4}\.\d{2}-\d+$/);
    expect(kb.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(kb.entries.length).toBeGreaterThanOrEqual(20);
  });

  it('refuses an invented-looking PMID, an unknown tumour, a resistance entry without R-level and duplicate ids', () => {
    const copy = () => structuredClone(raw) as { entries: Array<Record<string, unknown>>; notStandard: unknown[] };
    const badPmid = copy();
    (badPmid.entries[0] as { sources: unknown[] }).sources = [{ kind: 'pmid', ref: 'FLAURA' }];
    expect(() => parseKnowledgeBase(badPmid)).toThrow(/PMID is 7 or 8 digits/);
    const badTumour = copy();
    badTumour.entries[0] = { ...badTumour.entries[0], tumour: { kind: 'specific', key: 'pancreas' } };
    expect(() => parseKnowledgeBase(badTumour)).toThrow(/unknown tumour pancreas/);
    const badLevel = copy();
    badLevel.entries[0] = { ...badLevel.entries[0], effect: 'resistant' };
    expect(() => parseKnowledgeBase(badLevel)).toThrow(/resistance entries carry R1\/R2/);
    const dup = copy();
    dup.entries.push(dup.entries[0] as Record<string, unknown>);
    expect(() => parseKnowledgeBase(dup)).toThrow(/duplicate id/);
  });
});
