import { describe, expect, it } from 'vitest';
import { MAX_BATCH_ENTRIES, parseSearchBatch } from './search-batch';

const batchOf = (...urls: string[]) => ({ resourceType: 'Bundle', type: 'batch', entry: urls.map((url) => ({ request: { method: 'GET', url } })) });

describe('parseSearchBatch', () => {
  it('parses type-level searches, each with its own parameters', () => {
    const parsed = parseSearchBatch(batchOf('Patient?identifier=urn:x|1', '/Observation?patient=p1&_count=5&_sort=date'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.entries).toMatchObject([
      { type: 'Patient', search: { identifiers: ['urn:x|1'] } },
      { type: 'Observation', search: { patientIds: ['p1'], count: 5, sort: 'date' } },
    ]);
  });

  it('gives a bad entry its own error and keeps the others', () => {
    const parsed = parseSearchBatch(batchOf('Observation?colour=red', 'Spaceship?x=1', 'Observation/123', 'Condition?patient=p1'));
    expect(parsed.ok && parsed.entries.map((e) => ('error' in e ? e.status : 'ok'))).toEqual([400, 404, 400, 'ok']);
  });

  it('refuses a Bundle that is not a read-only batch of at most the allowed size', () => {
    for (const bad of [null, 'text', { resourceType: 'Patient' }, { ...batchOf('Patient?_id=1'), type: 'transaction' }, { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'POST', url: 'Patient' } }] }, batchOf(), batchOf(...Array.from({ length: MAX_BATCH_ENTRIES + 1 }, () => 'Patient?_id=1'))]) {
      expect(parseSearchBatch(bad).ok, JSON.stringify(bad)?.slice(0, 60)).toBe(false);
    }
  });
});
