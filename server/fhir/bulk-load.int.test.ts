import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, testDatabaseKinds } from '@/db/test-databases';
import { PARTICIPANT_MIGRATIONS } from '@/db/participant/migrations-folder';
import { bulkLoadResources, restoreDeferredIndexes } from './bulk-load';
import { readResource } from './resource-store';
import { searchResources } from './search-batch-store';
import { parseSearch } from './search-params';
import type { StoredResource } from './stored-resource';

const tricky = 'a "quoted", back\\slash, comma,\nnew line and tab\t{brace}';

function observation(i: number, text = `obs ${i}`): StoredResource {
  return {
    resource: { resourceType: 'Observation', id: `obs-${i}`, status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '4548-4' }, { system: 'urn:x', code: i === 0 ? 'c"o\\de,{x}' : 'plain' }], text }, subject: { reference: 'Patient/p-1' }, effectiveDateTime: `2024-01-${String((i % 28) + 1).padStart(2, '0')}` },
    datasetId: 'ehr',
    dataCategory: 'laboratory',
    patientId: 'p-1',
    nationalId: '1958031500017',
  };
}

const indexNames = async (db: Awaited<ReturnType<typeof openTestDatabase>>['db']) =>
  ((await db.execute(sql`SELECT indexname FROM pg_indexes WHERE tablename = 'fhir_resource' ORDER BY indexname`)) as unknown as { rows: Array<{ indexname: string }> }).rows.map((r) => r.indexname);

describe.each(testDatabaseKinds())('bulk loading the FHIR store (%s)', (kind) => {
  it('loads every row exactly (CSV and JSON escaping included) and rebuilds the same indexes', async () => {
    const { db, close } = await openTestDatabase(kind, PARTICIPANT_MIGRATIONS);
    try {
      const before = await indexNames(db);
      const loaded = await bulkLoadResources(db, [[observation(0, tricky), observation(1)], [observation(2)]]);
      expect(loaded).toBe(3);
      expect(await indexNames(db)).toEqual(before);
      const row = await readResource(db, 'ehr', 'Observation', 'obs-0');
      expect((row?.resource as { code: { text: string } }).code.text).toBe(tricky);
      expect(row?.codes).toContain('urn:x|c"o\\de,{x}');
      // the search indexes were rebuilt over the loaded rows
      const found = await searchResources(db, 'ehr', parseSearch('Observation', new URLSearchParams({ patient: 'p-1', code: 'http://loinc.org|4548-4', _sort: '_id' })));
      expect(found.map((r) => r.id)).toEqual(['obs-0', 'obs-1', 'obs-2']);
    } finally {
      await close();
    }
  });

  it('an interrupted load leaves its index definitions behind, and the next start rebuilds them', async () => {
    const { db, close } = await openTestDatabase(kind, PARTICIPANT_MIGRATIONS);
    try {
      const before = await indexNames(db);
      function* failing(): Generator<StoredResource[]> {
        yield [observation(1)];
        throw new Error('killed mid-load');
      }
      await expect(bulkLoadResources(db, failing())).rejects.toThrow('killed mid-load');
      expect((await indexNames(db)).length).toBeLessThan(before.length);
      await restoreDeferredIndexes(db);
      expect(await indexNames(db)).toEqual(before);
      // and a fresh load after it starts from an empty table
      expect(await bulkLoadResources(db, [[observation(1), observation(2)]])).toBe(2);
      expect(await indexNames(db)).toEqual(before);
    } finally {
      await close();
    }
  });
});
