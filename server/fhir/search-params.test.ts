import { describe, expect, it } from 'vitest';
import { FhirSearchError, parseDateParam, parseSearch } from './search-params';

describe('FHIR search parameters', () => {
  it('turns date prefixes into half-open ranges at the precision given', () => {
    expect(parseDateParam('2024-03-05')).toEqual({ from: new Date('2024-03-05T00:00:00Z'), to: new Date('2024-03-06T00:00:00Z') });
    expect(parseDateParam('lt2024')).toEqual({ to: new Date('2024-01-01T00:00:00Z') });
    expect(parseDateParam('le2024-02')).toEqual({ to: new Date('2024-03-01T00:00:00Z') });
    expect(parseDateParam('gt2024-02')).toEqual({ from: new Date('2024-03-01T00:00:00Z') });
    expect(parseDateParam('ge2024-02-29')).toEqual({ from: new Date('2024-02-29T00:00:00Z') });
    expect(() => parseDateParam('2023-02-29')).toThrow(FhirSearchError);
    expect(() => parseDateParam('ne2024')).toThrow(FhirSearchError);
  });

  it('parses a search and caps _count', () => {
    const s = parseSearch('Observation', new URLSearchParams('patient=Patient/az-1&code=http://loinc.org|4548-4,2160-0&date=ge2024&date=lt2025&_count=5000&_sort=date'));
    expect(s).toMatchObject({ patientIds: ['az-1'], codes: ['http://loinc.org|4548-4', '2160-0'], count: 200, sort: 'date' });
    expect(s.dates).toHaveLength(2);
  });

  it('refuses unknown parameters, empty values and parameters that do not apply', () => {
    expect(() => parseSearch('Observation', new URLSearchParams('colour=red'))).toThrow(/unknown search parameter "colour"/);
    expect(() => parseSearch('Observation', new URLSearchParams('patient='))).toThrow(/empty/);
    expect(() => parseSearch('Patient', new URLSearchParams('code=1'))).toThrow(/does not apply/);
    expect(() => parseSearch('Observation', new URLSearchParams('_count=-1'))).toThrow(/_count/);
    expect(() => parseSearch('Observation', new URLSearchParams('_sort=status'))).toThrow(/_sort/);
  });
});
