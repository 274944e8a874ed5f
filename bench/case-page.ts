/**
 * The tumour-board case page as the browser asks for it (`oncology.casePage` through the tRPC router):
 * Luc Klein's record from three providers (both hospitals and the research institute's genomics) with
 * warm agreements and EDR tokens, the preparation checklist, the knowledge-base evidence and the board's
 * decisions from the app database; the plain record read (`patients.record`) in the same run as the
 * baseline. `npm run bench -- case-page`.
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '@/db/client';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { startDataspace } from '@/server/dataspace/testing/start-dataspace';
import { createCaller } from '@/server/api/root';
import { contextFor } from '@/server/api/testing/test-context';

const LUC = '1955012600062';
const RUNS = Number(process.env.BENCH_RUNS ?? 300);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

export default async function run(): Promise<void> {
  const ds = await startDataspace({ seedPatients: Number(process.env.BENCH_SEED_PATIENTS ?? 200), storage: 'memory' });
  // The web app's consumer reads its settings from the environment on first use.
  process.env.AUTHORITY_URL = ds.authorityUrl;
  process.env.DATASPACE_OPERATOR_TOKEN = ds.operatorToken;
  const app = await openDatabase({ kind: 'memory' }, path.resolve(import.meta.dirname, '../db/app/migrations'));
  try {
    await seedDemoUsers(app.db);
    const rossi = await contextFor(app.db, 'oncologist');
    if (rossi.user?.email !== 'elena.rossi@alzette.example') throw new Error(`expected Dr Rossi, got ${rossi.user?.email ?? 'nobody'}`);
    const caller = createCaller(rossi);
    const { id: sessionId } = await caller.oncology.createSession({ board: 'gastrointestinal', scheduledAt: new Date(Date.now() + 86_400_000), members: [] });
    const { caseId } = await caller.oncology.nominate({ sessionId, nationalId: LUC, question: 'Options after progression for KRAS G12C mCRC?', standardOfCare: false });
    await caller.oncology.saveDecision({ caseId, expectedRevision: null, content: { recommendations: [{ text: 'Sotorasib with panitumumab (CodeBreaK 300)' }], rationale: '', evidenceLevel: null, trialReferral: null, furtherDiagnostics: [], attendees: [] } });
    const coldStart = performance.now();
    const cold = await caller.oncology.casePage({ caseId });
    const coldMs = performance.now() - coldStart;
    const statuses = cold.record.providers.map((p) => `${p.providerId}=${p.status}`).join(', ');
    if (cold.record.providers.length !== 3 || cold.record.providers.some((p) => p.status !== 'ok')) throw new Error(`expected three providers answering, got ${statuses}`);
    for (let i = 0; i < 20; i += 1) await caller.oncology.casePage({ caseId });
    const casePage = await timed(RUNS, () => caller.oncology.casePage({ caseId }));
    const record = await timed(RUNS, () => caller.patients.record({ nationalId: LUC }));
    const line = (name: string, t: number[]) => `  ${name}: p50 ${quantile(t, 0.5).toFixed(1)} ms, p99 ${quantile(t, 0.99).toFixed(1)} ms, max ${t.at(-1)?.toFixed(1)} ms`;
    console.log(`case page, 3 providers (${statuses}), ${cold.record.oncology.length} oncology items, ${cold.evidence.result?.matches.length ?? 0} evidence matches, ${RUNS} sequential reads, warm tokens`);
    console.log(`  cold (enrol + 3 catalogs + 3 negotiations + 3 transfers + fan-out): ${coldMs.toFixed(0)} ms`);
    console.log(`${line('oncology.casePage', casePage)} (target p99 ≤ 150 ms)`);
    console.log(`${line('patients.record (baseline)', record)}`);
    console.log(`  case page / record p99: ${(quantile(casePage, 0.99) / quantile(record, 0.99)).toFixed(2)}×`);
    console.log(`  machine: ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(2)}`);
  } finally {
    await app.close();
    await ds.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
