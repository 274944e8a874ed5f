import { createHash } from 'node:crypto';
import type { Database } from '@/db/client';
import { digitalTwinRecord } from '@/db/participant/schema/digital-twin';
import { DIGITAL_TWIN_FEATURE_UNITS, DIGITAL_TWIN_GENERATOR_VERSION, generateDigitalTwinBatches, type DigitalTwin } from '@/server/synthetic/digital-twins/generate';
import { readSetting, writeSetting } from '@/db/participant/settings';

/** The seed the committed therapy model was trained on (models/training/train.ts): the institute serves that cohort. */
export const DIGITAL_TWIN_SEED = 20250601;
const BATCH = 1000;

/** A pseudonym that does not reveal the generator's index (and so the order of generation). */
export function twinPseudonym(twin: DigitalTwin): string {
  return `dt-${createHash('sha256').update(`d4h-twin-cohort|${twin.id}`).digest('hex').slice(0, 20)}`;
}

/** The row the dataspace holds of one twin: baseline and observed outcome only (see db/participant/schema/digital-twin.ts). */
export function twinRow(twin: DigitalTwin): typeof digitalTwinRecord.$inferInsert {
  const f = twin.features;
  return {
    id: twinPseudonym(twin),
    sex: f.sexMale === 1 ? 'male' : 'female',
    ageYears: f.ageYears,
    baselineHba1cMmolMol: f.hba1cMmolMol,
    bmiKgM2: f.bmiKgM2,
    egfrMlMin173m2: f.egfrMlMin173m2,
    receivedClass: twin.receivedClass,
    followUpHba1cMmolMol: twin.observed.followUpHba1cMmolMol,
    hba1cChangeMmolMol: twin.observed.hba1cChangeMmolMol,
    weightChangeKg: twin.observed.weightChangeKg,
    features: { values: f, units: DIGITAL_TWIN_FEATURE_UNITS, currentTherapy: twin.currentTherapy },
  };
}

/**
 * Loads the digital-twin cohort into the research institute's database once (size DIGITAL_TWIN_RECORDS),
 * in one transaction so a crash leaves either nothing or everything; progress is printed for large sizes.
 */
export async function seedDigitalTwins(db: Database, input: { count: number; log: (line: string) => void }): Promise<void> {
  const done = await readSetting<{ count: number }>(db, 'digital-twins-seeded');
  if (done) {
    if (done.count !== input.count) input.log(`digital-twin cohort already loaded with ${done.count} records (DIGITAL_TWIN_RECORDS=${input.count} applies to a new database only)`);
    return;
  }
  const started = Date.now();
  let loaded = 0;
  let lastReport = Date.now();
  await db.transaction(async (tx) => {
    for (const batch of generateDigitalTwinBatches({ count: input.count, seed: DIGITAL_TWIN_SEED }, BATCH)) {
      if (batch.length > 0) await tx.insert(digitalTwinRecord).values(batch.map(twinRow));
      loaded += batch.length;
      if (Date.now() - lastReport > 2000) {
        lastReport = Date.now();
        input.log(`loading digital twins: ${loaded}/${input.count}`);
      }
    }
  });
  await writeSetting(db, 'digital-twins-seeded', { count: input.count, seed: DIGITAL_TWIN_SEED, generatorVersion: DIGITAL_TWIN_GENERATOR_VERSION });
  input.log(`loaded ${loaded} digital twins (seed ${DIGITAL_TWIN_SEED}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
