import { describe, expect, it } from 'vitest';
import { transitionRefusal } from './case-states';
import { missingForQuorum } from './board-kinds';

const facts = { checklistMissing: [], acceptedMissing: [], hasFinalDecision: false, standardOfCare: false, followUps: 0 };

describe('case states', () => {
  it('runs nominated → ready → discussed → follow-up and nothing skips a step', () => {
    expect(transitionRefusal('nominated', 'ready', facts)).toBeNull();
    expect(transitionRefusal('nominated', 'discussed', { ...facts, hasFinalDecision: true })).toMatch(/cannot go/);
    expect(transitionRefusal('ready', 'discussed', { ...facts, hasFinalDecision: true })).toBeNull();
    expect(transitionRefusal('discussed', 'follow-up', { ...facts, followUps: 1 })).toBeNull();
    expect(transitionRefusal('follow-up', 'nominated', facts)).toMatch(/cannot go/);
    expect(transitionRefusal('ready', 'nominated', facts)).toBeNull();
  });
  it('ready needs the checklist complete or its gaps accepted', () => {
    expect(transitionRefusal('nominated', 'ready', { ...facts, checklistMissing: ['imaging', 'ecog'], acceptedMissing: ['imaging'] })).toMatch(/missing: ecog/);
    expect(transitionRefusal('nominated', 'ready', { ...facts, checklistMissing: ['imaging'], acceptedMissing: ['imaging'] })).toBeNull();
  });
  it('discussed needs a final decision, unless the case is listed as standard of care', () => {
    expect(transitionRefusal('ready', 'discussed', facts)).toMatch(/final/);
    expect(transitionRefusal('ready', 'discussed', { ...facts, standardOfCare: true })).toBeNull();
    expect(transitionRefusal('discussed', 'follow-up', facts)).toMatch(/follow-up first/);
  });
  it('quorum: the four core disciplines, and radiation oncology where the board needs it', () => {
    const core = [{ discipline: 'medicalOncology' as const }, { discipline: 'surgery' as const }, { discipline: 'radiology' as const }, { discipline: 'pathology' as const }];
    expect(missingForQuorum('skin', core)).toEqual([]);
    expect(missingForQuorum('thoracic', core)).toEqual(['radiationOncology']);
    expect(missingForQuorum('molecular', core)).toEqual(['molecularBiology']);
    expect(missingForQuorum('breast', core.slice(1))).toEqual(['medicalOncology', 'radiationOncology']);
  });
});
