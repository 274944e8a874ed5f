/**
 * Similar-patients survival across the dataspace (issue 10: p99 ≤ 1 s over 3 providers with 100,000
 * patients in total), through the web app's consumer against real participant processes: both
 * hospitals hold BENCH_SEED_PATIENTS people each (default 50,000, 10 % at both: 95,000 people), the
 * research institute its genomics of the oncology patients. Warm: agreements and EDRs already in place.
 * Each run asks one of four queries (the first line of four cancers) in turn; the provider's differencing
 * protection lets identical queries repeat. `npm run bench -- similar-patients`.
 */
import path from 'node:path';
import { openDatabase } from '@/db/client';
import { DataspaceConsumer } from '@/server/dataspace/consumer/dataspace-consumer';
import { startDataspace } from '@/server/dataspace/testing/start-dataspace';
import { testConsumerSettings } from '@/server/dataspace/testing/consumer-settings';
import { askProviders } from '@/server/oncology/similar-patients/ask-providers';
import { similarPatients, type TSimilarPatientsQuery } from '@/server/oncology/similar-patients/similar-patients';

const SEED = Number(process.env.BENCH_SEED_PATIENTS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 80);
// First lines of four cancers: disjoint cohorts. (Line 1 and line 2 of one cancer are nested cohorts that can
// differ by 1–4 people at a provider, which the differencing protection rightly refuses.)
const QUERIES: TSimilarPatientsQuery[] = (['lung', 'colorectal', 'breast', 'melanoma'] as const).map((cancerType) => ({ cancerType, line: 1 }));

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

export default async function run(): Promise<void> {
  const seeding = performance.now();
  const ds = await startDataspace({ seedPatients: SEED, storage: 'memory', timeoutMs: 3_600_000 });
  console.log(`seeded ${SEED.toLocaleString('en')} patients per hospital (+ research institute genomics) in ${((performance.now() - seeding) / 1000).toFixed(0)} s`);
  const app = await openDatabase({ kind: 'memory' }, path.resolve(import.meta.dirname, '../db/app/migrations'));
  try {
    const consumer = new DataspaceConsumer(app.db, testConsumerSettings(ds));
    const ask = askProviders(consumer, { userId: 'bench@alzette.example', role: 'oncologist' }, 30_000);
    const cold = performance.now();
    const first = await similarPatients(QUERIES[0] ?? { cancerType: 'lung' }, ask);
    console.log(`cold (enrol, negotiate HRESCH, transfer): ${(performance.now() - cold).toFixed(0)} ms; providers ${first.providers.map((p) => `${p.providerId}=${p.status}/${p.cohort}`).join(', ')}`);
    for (const q of QUERIES) await similarPatients(q, ask);
    const times: number[] = [];
    let refused = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const q = QUERIES[i % QUERIES.length] ?? { cancerType: 'lung' };
      const t0 = performance.now();
      const r = await similarPatients(q, ask);
      times.push(performance.now() - t0);
      refused += r.providers.filter((p) => p.status !== 'ok').length;
      if (i === RUNS - 1) console.log(`last run: ${r.providers.map((p) => `${p.providerId}=${p.status}${p.detail ? ` (${p.detail.slice(0, 80)})` : ''}`).join(', ')}`);
    }
    times.sort((a, b) => a - b);
    const sample = await similarPatients({ cancerType: 'colorectal', line: 1 }, ask);
    console.log(`warm, ${RUNS} queries: p50 ${quantile(times, 0.5).toFixed(0)} ms, p99 ${quantile(times, 0.99).toFixed(0)} ms, max ${(times.at(-1) ?? 0).toFixed(0)} ms (target p99 ≤ 1000 ms); provider refusals/failures ${refused}`);
    console.log(`colorectal line 1: ${sample.curves.map((c) => `${c.treatment} n=${c.patients} from ${c.providers.join('+')}`).join('; ') || sample.statement}`);
  } finally {
    await app.close();
    await ds.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
