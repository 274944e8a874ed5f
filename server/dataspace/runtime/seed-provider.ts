import type { Database } from '@/db/client';
import { insertResources } from '@/server/fhir/resource-store';
import type { StoredResource } from '@/server/fhir/stored-resource';
import { expectedPeopleAt, recordsAt } from '@/server/synthetic/ehr/population';
import type { AuthorityClient } from './authority-client';
import { readSetting, writeSetting } from './key-store';

const BATCH_RESOURCES = 2000;
const BATCH_LOCATOR = 5000;

/**
 * Seeds a provider's FHIR store once (a setting marks it done, so a restart adds nothing), in batches of
 * one INSERT each, printing progress; then reports its people to the authority's record locator.
 */
export async function seedProvider(db: Database, input: { id: string; perHospital: number; authority: AuthorityClient; log: (line: string) => void }): Promise<void> {
  const done = await readSetting<{ perHospital: number; people: number }>(db, 'seeded');
  if (done) {
    input.log(`data already seeded (${done.people} people); skipping`);
    return;
  }
  const expected = expectedPeopleAt(input.id, input.perHospital);
  const started = Date.now();
  let batch: StoredResource[] = [];
  let people = 0;
  let resources = 0;
  let lastReport = 0;
  const nationalIds: string[] = [];
  for (const { person, resources: rs } of recordsAt(input.id, input.perHospital)) {
    people += 1;
    nationalIds.push(person.nationalId);
    batch.push(...rs);
    if (batch.length >= BATCH_RESOURCES) {
      await insertResources(db, batch);
      resources += batch.length;
      batch = [];
      if (Date.now() - lastReport > 2000) {
        lastReport = Date.now();
        input.log(`seeding: ${people}${expected ? `/${expected}` : ''} people, ${resources} resources (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    }
  }
  await insertResources(db, batch);
  resources += batch.length;
  for (let i = 0; i < nationalIds.length; i += BATCH_LOCATOR) await input.authority.registerRecords(nationalIds.slice(i, i + BATCH_LOCATOR));
  await writeSetting(db, 'seeded', { perHospital: input.perHospital, people });
  input.log(`seeded ${people} people, ${resources} resources in ${Math.round((Date.now() - started) / 1000)} s`);
}
