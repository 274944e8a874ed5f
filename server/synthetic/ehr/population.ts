import { PROVIDER_IDS } from '@/server/synthetic/demo-people';
import type { StoredResource } from '@/server/fhir/stored-resource';
import { genomicsRecord } from './genomics-record';
import { hospitalRecord } from './hospital-record';
import { demoPersons, personAt, populationSize, type Person } from './people';

/** The fixed seed of the synthetic dataspace. */
export const EHR_SEED = 20260630;

/** The people a provider holds records of: the demo patients it holds, then the generated population. */
export function* peopleAt(provider: string, perHospital: number, seed = EHR_SEED): Generator<Person> {
  const research = provider === PROVIDER_IDS.research;
  for (const person of demoPersons()) {
    if (research ? person.oncology !== null : person.heldBy.includes(provider as Person['heldBy'][number])) yield person;
  }
  if (research) {
    for (let i = 0; i < populationSize(perHospital); i += 1) {
      const person = personAt(seed, i, perHospital);
      if (person.oncology) yield person;
    }
    return;
  }
  const start = provider === PROVIDER_IDS.alzette ? 0 : Math.floor(perHospital * 0.9);
  for (let i = start; i < start + perHospital; i += 1) yield personAt(seed, i, perHospital);
}

/** All resources a provider holds, person by person (generated lazily, so 100k patients fit in memory). */
export function* recordsAt(provider: string, perHospital: number, seed = EHR_SEED): Generator<{ person: Person; resources: StoredResource[] }> {
  for (const person of peopleAt(provider, perHospital, seed)) {
    const resources = provider === PROVIDER_IDS.research ? genomicsRecord(provider, person, seed) : hospitalRecord(seed, provider, person);
    yield { person, resources };
  }
}

/** How many people a provider will hold (for progress output). */
export function expectedPeopleAt(provider: string, perHospital: number): number | null {
  return provider === PROVIDER_IDS.research ? null : perHospital + demoPersons().filter((p) => p.heldBy.includes(provider as Person['heldBy'][number])).length;
}
