import type { DiagnosticReport } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { mergedRecord } from '@/server/records/merged-record';
import { demoFanOut, sourced } from '@/server/synthetic/ehr/demo-fan-out';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import { MCODE } from '@/server/terminology/mcode';
import { missingItems, preparationChecklist } from './preparation-checklist';

const PAUL = '1962042100048'; // stage IV NSCLC, EGFR L858R at the genomics lab

describe('preparation checklist from the merged record', () => {
  it('finds histology, the molecular report, ECOG and the therapy line, each with its sources; imaging is missing', () => {
    const checklist = preparationChecklist(mergedRecord(demoFanOut(PAUL)));
    expect(missingItems(checklist)).toEqual(['imaging']);
    const molecular = checklist.find((c) => c.item === 'molecular');
    // The lab's report, and the copy the treating hospital filed: one item, both sources.
    expect(molecular?.sources.map((s) => s.providerId).sort()).toEqual(['alzette-hospital', 'research-institute']);
    expect(checklist.find((c) => c.item === 'priorLines')?.count).toBe(1);
    expect(checklist.find((c) => c.item === 'ecog')?.sources[0]?.resource).toMatch(/^Observation\//);
  });

  it('names the molecular report missing when no provider sent one', () => {
    const withoutReports = demoFanOut(PAUL).filter((r) => !r.resource.meta?.profile?.includes(MCODE.genomicsReport));
    expect(missingItems(preparationChecklist(mergedRecord(withoutReports)))).toEqual(['imaging', 'molecular']);
  });

  it('counts a provider imaging report (LOINC 24627-2, CT chest)', () => {
    const ct: DiagnosticReport = { resourceType: 'DiagnosticReport', id: 'ct1', status: 'final', code: { coding: [{ system: CODE_SYSTEMS.loinc, code: '24627-2' }] }, effectiveDateTime: '2026-06-01', conclusion: 'Stable disease' };
    const checklist = preparationChecklist(mergedRecord([...demoFanOut(PAUL), sourced('alzette-hospital', ct)]));
    expect(missingItems(checklist)).toEqual([]);
    expect(checklist.find((c) => c.item === 'imaging')).toMatchObject({ present: true, count: 1, date: '2026-06-01' });
  });
});
