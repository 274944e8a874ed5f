/**
 * FHIR search at one provider's store: p50/p99 of `Observation?patient=…&code=HbA1c&_sort=-date&_count=50`
 * at 10k and 100k patients. Measures the indexed store search (the part that grows with the data);
 * tokens, consent and HTTP are constant per request and measured by the integration tests' timings.
 * Seeded stores are kept under .data/bench/ so a second run does not reseed.
 *   npx tsx bench/fhir-search.ts            (both sizes)
 *   BENCH_SIZES=10000 npx tsx bench/fhir-search.ts
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '@/db/client';
import { PARTICIPANT_MIGRATIONS } from '@/db/participant/migrations-folder';
import { bulkLoadResources } from '@/server/fhir/bulk-load';
import { searchResources } from '@/server/fhir/search-batch-store';
import { readSetting, writeSetting } from '@/db/participant/settings';
import { parseSearch } from '@/server/fhir/search-params';
import type { StoredResource } from '@/server/fhir/stored-resource';
import { recordsAt } from '@/server/synthetic/ehr/population';

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function measure(patients: number): Promise<{ patients: number; p50: number; p99: number; resources: number; seedSeconds: number | null }> {
  const dir = path.resolve('.data/bench', `fhir-${patients}`);
  const { db, close } = await openDatabase({ kind: 'pglite', dataDir: dir }, PARTICIPANT_MIGRATIONS);
  try {
    let seeded = await readSetting<{ resources: number }>(db, 'bench-seeded');
    let seedSeconds: number | null = null;
    const patientIds: string[] = [];
    const started = Date.now();
    let generated = 0;
    let lastReport = Date.now();
    function* batches(): Generator<StoredResource[]> {
      let batch: StoredResource[] = [];
      for (const { resources: rs } of recordsAt('alzette-hospital', patients)) {
        const first = rs[0];
        if (first && rs.some((r) => r.resource.resourceType === 'Observation')) patientIds.push(first.patientId);
        if (seeded) continue;
        batch.push(...rs);
        if (batch.length >= 20_000) {
          generated += batch.length;
          yield batch;
          batch = [];
          if (Date.now() - lastReport > 10_000) {
            lastReport = Date.now();
            console.log(`  seeding ${patients}: ${generated} resources, ${Math.round((Date.now() - started) / 1000)} s`);
          }
        }
      }
      yield batch;
    }
    if (seeded) {
      for (const batch of batches()) void batch;
    } else {
      const resources = await bulkLoadResources(db, batches(), (line) => console.log(`  ${line}`));
      await writeSetting(db, 'bench-seeded', { resources });
      seeded = { resources };
      seedSeconds = (Date.now() - started) / 1000;
    }
    const timings: number[] = [];
    // 200 warm-up queries (JIT, PGlite start-up, cache) are discarded: the first size measured would otherwise pay for them.
    for (let i = 0; i < 1200; i += 1) {
      const patient = patientIds[(i * 7919) % patientIds.length] ?? '';
      const search = parseSearch('Observation', new URLSearchParams({ patient, code: 'http://loinc.org|59261-8', _sort: '-date', _count: '50' }));
      const t = performance.now();
      await searchResources(db, 'ehr', search);
      if (i >= 200) timings.push(performance.now() - t);
    }
    timings.sort((a, b) => a - b);
    return { patients, p50: percentile(timings, 50), p99: percentile(timings, 99), resources: seeded.resources, seedSeconds };
  } finally {
    await close();
  }
}

export default async function run(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
  const results = [];
  for (const size of sizes) {
    const r = await measure(size);
    results.push(r);
    console.log(`fhir-search ${size} patients (${r.resources} resources${r.seedSeconds === null ? '' : `, seeded in ${r.seedSeconds.toFixed(0)} s = ${Math.round(r.resources / r.seedSeconds)} resources/s`}): p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms`);
  }
  const [a, b] = results;
  if (a && b) console.log(`fhir-search p50 ratio ${b.patients}/${a.patients}: ${(b.p50 / a.p50).toFixed(2)}×`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
