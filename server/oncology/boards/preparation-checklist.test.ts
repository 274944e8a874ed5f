import type { DiagnosticReport, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { SourcedResource } from '@/server/dataspace/consumer/record-fan-out';
import { mergedRecord } from '@/server/records/merged-record';
import { demoPersons } from '@/server/synthetic/ehr/people';
import { genomicsRecord } from '@/server/synthetic/ehr/genomics-record';
import { hospitalRecord } from '@/server/synthetic/ehr/hospital-record';
import { EHR_SEED } from '@/server/synthetic/ehr/population';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import { missingItems, preparationChecklist } from './preparation-checklist';

const sourced = (providerId: string, resource: Resource): SourcedResource => ({ resource, source: { providerId, datasetId: 'ehr', agreementId: `agr-${providerId}`, fhirUrl: null, retrievedAt: '2026-06-30T00:00:00Z' } });

function fanOut(nationalId: string, withGenomics: boolean): SourcedResource[] {
  const person = demoPersons().find((p) => p.nationalId === nationalId);
  if (!person) throw new Error(`no demo person ${nationalId}`);
  const hospitals = person.heldBy.flatMap((provider) => hospitalRecord(EHR_SEED, provider, person).map((s) => sourced(provider, s.resource)));
  const genomics = withGenomics ? genomicsRecord('research-institute', person).map((s) => sourced('research-institute', s.resource)) : [];
  return [...hospitals, ...genomics].filter((r) => r.resource.resourceType !== 'Encounter');
}

const PAUL = '1962042100048'; // stage IV NSCLC, EGFR L858R at the genomics lab

describe('preparation checklist from the merged record', () => {
  it('finds histology, the molecular report, ECOG and the therapy line, each with its sources; imaging is missing', () => {
    const checklist = preparationChecklist(mergedRecord(fanOut(PAUL, true)));
    expect(missingItems(checklist)).toEqual(['imaging']);
    const molecular = checklist.find((c) => c.item === 'molecular');
    expect(molecular?.sources.map((s) => s.providerId)).toEqual(['research-institute']);
    expect(checklist.find((c) => c.item === 'priorLines')?.count).toBe(1);
    expect(checklist.find((c) => c.item === 'ecog')?.sources[0]?.resource).toMatch(/^Observation\//);
  });

  it('names the molecular report missing when the genomics lab did not answer', () => {
    expect(missingItems(preparationChecklist(mergedRecord(fanOut(PAUL, false))))).toEqual(['imaging', 'molecular']);
  });

  it('counts a provider imaging report (LOINC 24627-2, CT chest)', () => {
    const ct: DiagnosticReport = { resourceType: 'DiagnosticReport', id: 'ct1', status: 'final', code: { coding: [{ system: CODE_SYSTEMS.loinc, code: '24627-2' }] }, effectiveDateTime: '2026-06-01', conclusion: 'Stable disease' };
    const checklist = preparationChecklist(mergedRecord([...fanOut(PAUL, true), sourced('alzette-hospital', ct)]));
    expect(missingItems(checklist)).toEqual([]);
    expect(checklist.find((c) => c.item === 'imaging')).toMatchObject({ present: true, count: 1, date: '2026-06-01' });
  });
});
