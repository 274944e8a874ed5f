import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { SourcedResource } from '@/server/dataspace/consumer/record-fan-out';
import { mergedRecord } from '@/server/records/merged-record';
import { demoPersons } from '@/server/synthetic/ehr/people';
import { genomicsRecord } from '@/server/synthetic/ehr/genomics-record';
import { hospitalRecord } from '@/server/synthetic/ehr/hospital-record';
import { EHR_SEED } from '@/server/synthetic/ehr/population';
import { caseEvidence } from './case-evidence';

const sourced = (providerId: string, resource: Resource): SourcedResource => ({ resource, source: { providerId, datasetId: 'ehr', agreementId: `agr-${providerId}`, fhirUrl: null, retrievedAt: '2026-06-30T00:00:00Z' } });

/** A demo patient's record as the fan-out returns it from both hospitals and the genomics lab. */
function record(nationalId: string) {
  const person = demoPersons().find((p) => p.nationalId === nationalId);
  if (!person) throw new Error(`no demo person ${nationalId}`);
  const hospitals = person.heldBy.flatMap((provider) => hospitalRecord(EHR_SEED, provider, person).map((s) => sourced(provider, s.resource)));
  const genomics = genomicsRecord('research-institute', person).map((s) => sourced('research-institute', s.resource));
  return mergedRecord([...hospitals, ...genomics].filter((r) => r.resource.resourceType !== 'Encounter'));
}

describe('evidence for a case from its merged record', () => {
  it('EGFR L858R NSCLC (Paul Hoffmann): osimertinib at OncoKB level 1', () => {
    const evidence = caseEvidence(record('1962042100048'));
    expect(evidence.icd10).toMatch(/^C34/);
    expect(evidence.result?.variants).toContain('EGFR L858R');
    const osimertinib = evidence.result?.matches.find((m) => m.drugs.includes('osimertinib'));
    expect(osimertinib).toMatchObject({ oncokbLevel: '1', resistance: false });
  });

  it('KRAS G12C colorectal (Luc Klein): no sotorasib monotherapy at level 1, and the reason is given', () => {
    const evidence = caseEvidence(record('1955012600062'));
    expect(evidence.icd10).toMatch(/^C18/);
    const monotherapy = evidence.result?.matches.filter((m) => m.drugs.length === 1 && m.drugs[0] === 'sotorasib' && m.oncokbLevel === '1') ?? [];
    expect(monotherapy).toEqual([]);
    expect(evidence.result?.nonMatches.some((n) => n.drugs.includes('sotorasib'))).toBe(true);
  });
});
