import type { Resource } from '@medplum/fhirtypes';
import { describe, expect, it, vi } from 'vitest';
import type { FanOutResult } from '@/server/dataspace/consumer/record-fan-out';
import { demoPersons } from '@/server/synthetic/ehr/people';
import { hospitalRecord } from '@/server/synthetic/ehr/hospital-record';
import { EHR_SEED } from '@/server/synthetic/ehr/population';
import { careListRow } from './care-list';
import { cachedCareList, CARE_LIST_TTL_MS } from './care-list-cache';

const LUC = '1955012600062'; // type 2 diabetes and colon cancer stage IV, at both hospitals

function fanOut(nationalId: string, down: string[] = []): FanOutResult {
  const person = demoPersons().find((p) => p.nationalId === nationalId)!;
  const up = person.heldBy.filter((p) => !down.includes(p));
  const resources = up.flatMap((providerId) => hospitalRecord(EHR_SEED, providerId, person).map((s) => ({ resource: s.resource as Resource, source: { providerId, datasetId: 'ehr', agreementId: 'a', fhirUrl: null, retrievedAt: '' } })));
  return {
    nationalId,
    locatorOk: true,
    locatorDetail: null,
    providers: person.heldBy.map((providerId) => ({ providerId, status: down.includes(providerId) ? 'timeout' : 'ok', detail: null, consentBasis: null, consent: down.includes(providerId) ? 'unknown' : 'active', agreementId: 'a', datasetId: 'ehr', resources: 0, truncated: false, elapsedMs: 1 })),
    resources,
  };
}

describe('a row of "Patients in your care"', () => {
  it('names the cancer and its stage as the main problem for an oncologist', () => {
    const row = careListRow(fanOut(LUC), 'oncology', new Map());
    expect(row.name).toBe('Luc Klein');
    expect(row.birthDate).toBe('1955-01-26');
    expect(row.mainProblem?.name).toEqual({ en: 'Colon cancer', fr: 'Cancer du côlon' });
    expect(row.cancer?.stage?.en).toBe('IV');
  });

  it('names type 2 diabetes and the latest HbA1c in both units for an endocrinologist', () => {
    const row = careListRow(fanOut(LUC), 'diabetes', new Map([['moselle-clinic', 'Moselle Clinic']]));
    expect(row.mainProblem?.name.en).toBe('Type 2 diabetes');
    expect(row.hba1c?.mmolMol).toBeGreaterThan(40);
    expect(row.hba1c?.percent).toBeCloseTo((row.hba1c?.mmolMol ?? 0) / 10.929 + 2.15, 0);
    expect(row.providers.map((p) => p.legalName)).toEqual([null, 'Moselle Clinic']);
  });

  it('keeps the provider that did not answer, and the rest of the row from the other', () => {
    const row = careListRow(fanOut(LUC, ['alzette-hospital']), 'diabetes', new Map());
    expect(row.providers.find((p) => p.providerId === 'alzette-hospital')?.status).toBe('timeout');
    expect(row.mainProblem?.sources.map((s) => s.providerId)).toEqual(['moselle-clinic']);
  });
});

describe('the patient-list cache', () => {
  it('reuses a clinician\'s list for the same patients within the TTL, and only then', async () => {
    const load = vi.fn(async () => []);
    const t0 = 1_000_000;
    await cachedCareList('u1', ['a', 'b'], load, t0);
    await cachedCareList('u1', ['b', 'a'], load, t0 + 1000);
    expect(load).toHaveBeenCalledTimes(1);
    await cachedCareList('u2', ['a', 'b'], load, t0 + 1000);
    expect(load).toHaveBeenCalledTimes(2);
    // A care relationship ended: a different set of patients is a different list.
    await cachedCareList('u1', ['a'], load, t0 + 1000);
    expect(load).toHaveBeenCalledTimes(3);
    await cachedCareList('u1', ['a', 'b'], load, t0 + CARE_LIST_TTL_MS + 1);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('does not keep a failed read', async () => {
    const fail = vi.fn(async () => Promise.reject(new Error('down')));
    await expect(cachedCareList('u3', ['a'], fail, 5)).rejects.toThrow('down');
    const ok = vi.fn(async () => []);
    await cachedCareList('u3', ['a'], ok, 6);
    expect(ok).toHaveBeenCalledTimes(1);
  });
});
