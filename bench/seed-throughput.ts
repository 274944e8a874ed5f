/**
 * Seeding throughput of a provider's FHIR store: the row-by-row baseline (multi-row INSERT of 2,000
 * resources with every index maintained, as seeding worked before) against the bulk loader used now
 * (server/fhir/bulk-load.ts), on the same generated records, in the same run, on fresh databases.
 *   npx tsx bench/seed-throughput.ts                    (PGlite, 3,000 patients)
 *   SEED_BENCH_PATIENTS=10000 npx tsx bench/seed-throughput.ts
 *   SEED_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/seed-throughput.ts
 *     (PostgreSQL: a fresh database per variant, dropped afterwards)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Pool } from 'pg';
import { openDatabase, type DatabaseTarget } from '@/db/client';
import { PARTICIPANT_MIGRATIONS } from '@/db/participant/migrations-folder';
import { bulkLoadResources } from '@/server/fhir/bulk-load';
import { insertResources } from '@/server/fhir/resource-store';
import type { StoredResource } from '@/server/fhir/stored-resource';
import { recordsAt } from '@/server/synthetic/ehr/population';

function* batches(patients: number, size: number): Generator<StoredResource[]> {
  let batch: StoredResource[] = [];
  for (const { resources } of recordsAt('alzette-hospital', patients)) {
    batch.push(...resources);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  yield batch;
}

async function withTarget<T>(name: string, run: (target: DatabaseTarget) => Promise<T>): Promise<T> {
  const server = process.env.SEED_BENCH_DATABASE_URL;
  if (!server) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `d4h-seed-${name}-`));
    try {
      return await run({ kind: 'pglite', dataDir: dir });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const db = `d4h_seed_bench_${name}_${Date.now()}`;
  const admin = new Pool({ connectionString: server, max: 1 });
  await admin.query(`CREATE DATABASE ${db}`);
  try {
    const url = new URL(server);
    url.pathname = `/${db}`;
    return await run({ kind: 'postgres', url: url.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
  }
}

async function measure(name: 'baseline' | 'bulk', patients: number): Promise<{ resources: number; seconds: number }> {
  return withTarget(name, async (target) => {
    const { db, close } = await openDatabase(target, PARTICIPANT_MIGRATIONS);
    try {
      const started = performance.now();
      let resources = 0;
      if (name === 'baseline') {
        for (const batch of batches(patients, 2000)) {
          await insertResources(db, batch);
          resources += batch.length;
        }
      } else {
        resources = await bulkLoadResources(db, batches(patients, 20_000));
      }
      return { resources, seconds: (performance.now() - started) / 1000 };
    } finally {
      await close();
    }
  });
}

export default async function run(): Promise<void> {
  const patients = Number(process.env.SEED_BENCH_PATIENTS ?? 3000);
  const kind = process.env.SEED_BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  const generateStart = performance.now();
  let generated = 0;
  for (const batch of batches(patients, 20_000)) generated += batch.length;
  const generateSeconds = (performance.now() - generateStart) / 1000;
  console.log(`seed ${kind} ${patients} patients: generating ${generated} resources alone takes ${generateSeconds.toFixed(1)} s (${Math.round(generated / generateSeconds)} resources/s)`);
  const results: Record<string, number> = {};
  for (const name of ['baseline', 'bulk'] as const) {
    const r = await measure(name, patients);
    results[name] = r.resources / r.seconds;
    console.log(`seed ${kind} ${name}: ${r.resources} resources in ${r.seconds.toFixed(1)} s = ${Math.round(r.resources / r.seconds)} resources/s`);
  }
  console.log(`seed ${kind} bulk/baseline: ${((results.bulk ?? 0) / (results.baseline ?? 1)).toFixed(2)}×`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
