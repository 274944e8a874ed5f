import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CdsRequestError } from '@/server/cds-hooks/cds-errors';
import { fillTemplate, resolvePrefetch } from '@/server/cds-hooks/prefetch';
import { REQUIRED_PREFETCH } from '@/server/cds-hooks/services';
import { ehrPrefetch } from '@/server/cds-hooks/testing/ehr-patient';

const request = (prefetch: Record<string, unknown>) => ({ hook: 'patient-view', hookInstance: randomUUID(), context: {}, prefetch });

async function refusal(p: Promise<unknown>): Promise<CdsRequestError> {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof CdsRequestError)) throw new Error(`expected a CdsRequestError, got ${String(err)}`);
  return err;
}

describe('prefetch', () => {
  it('fills the patient id into a template, encoded', () => {
    expect(fillTemplate('Observation?subject=Patient/{{context.patientId}}&code=x', 'a b')).toBe('Observation?subject=Patient/a%20b&code=x');
  });

  it('flattens bundles, keeps single resources and reads null as "no such data"', async () => {
    const resolved = await resolvePrefetch(request({ ...ehrPrefetch(), otherLabs: null }), 'ehr-pt-1', REQUIRED_PREFETCH);
    expect(resolved.resources.map((r) => r.resourceType).sort()).toEqual(['Condition', 'MedicationRequest', 'Observation', 'Observation', 'Observation', 'Patient']);
    expect(resolved.origin.hba1c).toBe('prefetch');
  });

  it('a required key absent without a fhirServer is a 412 naming it; an optional one is not', async () => {
    const { egfr: _egfr, otherLabs: _other, ...rest } = ehrPrefetch();
    const err = await refusal(resolvePrefetch(request(rest), 'ehr-pt-1', REQUIRED_PREFETCH));
    expect(err.status).toBe(412);
    expect(err.outcome().issue?.[0]?.expression).toEqual(['prefetch.egfr']);
  });

  it('a prefetch value that is no FHIR resource is a 400', async () => {
    const err = await refusal(resolvePrefetch(request({ ...ehrPrefetch(), hba1c: [1, 2] }), 'ehr-pt-1', REQUIRED_PREFETCH));
    expect(err.status).toBe(400);
    expect(err.message).toContain('prefetch.hba1c');
  });
});
