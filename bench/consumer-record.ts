/**
 * One patient's record from three providers (Luc Klein: both hospitals and the research institute's
 * genomics) through the web app's dataspace consumer, against real participant processes. Cold is the
 * first read (enrolment, catalogs, negotiations, transfers, EDRs); warm reads reuse agreements and EDRs.
 * `npx tsx bench/consumer-record.ts` or `npm run bench -- consumer-record`.
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '@/db/client';
import { DataspaceConsumer } from '@/server/dataspace/consumer/dataspace-consumer';
import { startDataspace } from '@/server/dataspace/testing/start-dataspace';

const LUC = '1955012600062';
const WARM_RUNS = Number(process.env.BENCH_RUNS ?? 300);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

export default async function run(): Promise<void> {
  const ds = await startDataspace({ seedPatients: Number(process.env.BENCH_SEED_PATIENTS ?? 200), storage: 'memory' });
  const app = await openDatabase({ kind: 'memory' }, path.resolve(import.meta.dirname, '../db/app/migrations'));
  try {
    const consumer = new DataspaceConsumer(app.db, {
      participantId: 'd4h-clinic',
      authorityUrl: ds.authorityUrl,
      authorityId: 'ehealth-agency',
      operatorToken: () => ds.operatorToken,
      callbackAddress: 'http://127.0.0.1:9/api/dsp/callback',
      fhirTimeoutMs: 2000,
      contractTimeoutMs: 10_000,
    });
    const practitioner = { userId: 'elena.rossi@alzette.example', role: 'oncologist', purpose: 'TREAT' };
    const coldStart = performance.now();
    const cold = await consumer.patientRecord(LUC, practitioner);
    const coldMs = performance.now() - coldStart;
    const statuses = cold.providers.map((p) => `${p.providerId}=${p.status}`).join(', ');
    if (cold.providers.length !== 3 || cold.providers.some((p) => p.status !== 'ok')) throw new Error(`expected three providers answering, got ${statuses}`);
    for (let i = 0; i < 20; i += 1) await consumer.patientRecord(LUC, practitioner);
    const times: number[] = [];
    let resources = 0;
    for (let i = 0; i < WARM_RUNS; i += 1) {
      const started = performance.now();
      const r = await consumer.patientRecord(LUC, practitioner);
      times.push(performance.now() - started);
      resources = r.resources.length;
      if (r.providers.some((p) => p.status !== 'ok')) throw new Error(`a provider failed during the warm runs: ${r.providers.map((p) => `${p.providerId}=${p.status}`).join(', ')}`);
    }
    times.sort((a, b) => a - b);
    console.log(`patient record via consumer, 3 providers (${statuses}), ${resources} resources, 7 FHIR searches per provider`);
    console.log(`  cold (enrol + 3 catalogs + 3 negotiations + 3 transfers + fan-out): ${coldMs.toFixed(0)} ms`);
    console.log(`  warm tokens, ${WARM_RUNS} sequential reads: p50 ${quantile(times, 0.5).toFixed(1)} ms, p99 ${quantile(times, 0.99).toFixed(1)} ms, max ${times.at(-1)?.toFixed(1)} ms (target p99 ≤ 60 ms)`);
    console.log(`  machine: ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(2)}`);
  } finally {
    await app.close();
    await ds.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
