import type { Database } from '@/db/client';
import { bulkLoadResources, restoreDeferredIndexes } from '@/server/fhir/bulk-load';
import type { StoredResource } from '@/server/fhir/stored-resource';
import { expectedPeopleAt, recordsAt } from '@/server/synthetic/ehr/population';
import type { AuthorityClient } from './authority-client';
import { readSetting, writeSetting } from '@/db/participant/settings';

/** Rows per COPY / INSERT: large enough that per-statement cost vanishes, small enough to stay a few MB. */
const BATCH_RESOURCES = 20_000;
const BATCH_LOCATOR = 5000;

/**
 * Seeds a provider's FHIR store once (a setting marks it done, so a restart adds nothing; an interrupted
 * seed starts over), printing progress; then reports its people to the authority's record locator.
 */
export async function seedProvider(db: Database, input: { id: string; perHospital: number; authority: AuthorityClient; log: (line: string) => void }): Promise<void> {
  const done = await readSetting<{ perHospital: number; people: number }>(db, 'seeded');
  if (done) {
    await restoreDeferredIndexes(db, input.log);
    input.log(`data already seeded (${done.people} people); skipping`);
    return;
  }
  const expected = expectedPeopleAt(input.id, input.perHospital);
  const started = Date.now();
  const nationalIds: string[] = [];
  let lastReport = Date.now();
  let generated = 0;
  function* batches(): Generator<StoredResource[]> {
    let batch: StoredResource[] = [];
    for (const { person, resources } of recordsAt(input.id, input.perHospital)) {
      nationalIds.push(person.nationalId);
      batch.push(...resources);
      if (batch.length >= BATCH_RESOURCES) {
        generated += batch.length;
        yield batch;
        batch = [];
        if (Date.now() - lastReport > 2000) {
          lastReport = Date.now();
          const seconds = (Date.now() - started) / 1000;
          const eta = expected ? `, about ${Math.round(((expected - nationalIds.length) / nationalIds.length) * seconds)} s to go before the index build` : '';
          input.log(`seeding: ${nationalIds.length}${expected ? `/${expected}` : ''} people, ${generated} resources (${Math.round(seconds)} s, ${Math.round(generated / seconds)} resources/s${eta})`);
        }
      }
    }
    generated += batch.length;
    yield batch;
  }
  const resources = await bulkLoadResources(db, batches(), input.log);
  const located = Date.now();
  for (let i = 0; i < nationalIds.length; i += BATCH_LOCATOR) await input.authority.registerRecords(nationalIds.slice(i, i + BATCH_LOCATOR));
  input.log(`registered ${nationalIds.length} people with the authority's record locator in ${((Date.now() - located) / 1000).toFixed(1)} s`);
  await writeSetting(db, 'seeded', { perHospital: input.perHospital, people: nationalIds.length });
  const seconds = (Date.now() - started) / 1000;
  input.log(`seeded ${nationalIds.length} people, ${resources} resources in ${seconds.toFixed(1)} s (${Math.round(resources / Math.max(seconds, 0.001))} resources/s)`);
}
