/**
 * `npm run bench -- access-log`: one patient with 10,000 access events at the authority's index, read a
 * page at a time (25 entries) through the app's access-log code (authority over HTTP with a patient
 * assertion, merged with the app's audit): first pages and pages deep in the log (keyset cursors).
 * Target (issue 11): page p99 ≤ 200 ms.
 */
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { openDatabase } from '@/db/client';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { DataspaceConsumer } from '@/server/dataspace/consumer/dataspace-consumer';
import { callParticipant } from '@/server/dataspace/protocol/participant-http';
import { generateParticipantKeyPair, publicJwks } from '@/server/dataspace/protocol/participant-keys';
import { startDataspace } from '@/server/dataspace/testing/start-dataspace';
import { testConsumerSettings } from '@/server/dataspace/testing/consumer-settings';
import { accessLogPage } from '@/server/consent/access-log/access-log-page';
import type { TAccessLogCursor } from '@/server/consent/access-log/access-log-entry';

const MARIE = '1958031500017';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

export default async function run(): Promise<void> {
  const ds = await startDataspace({ storage: 'memory', providers: [] });
  const app = await openDatabase({ kind: 'memory' }, path.resolve(import.meta.dirname, '../db/app/migrations'));
  try {
    // A provider of its own reports the events, as a hospital's forwarder would (record locator first).
    const key = await generateParticipantKeyPair();
    const enrol = await fetch(`${ds.authorityUrl}/registry/enrol`, { method: 'POST', headers: { authorization: `Bearer ${ds.operatorToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'bench-hospital', legalName: 'Bench hospital', kind: 'hospital', roles: ['hospital', 'provider'], jwks: publicJwks(key) }) });
    const { credential } = (await enrol.json()) as { credential: string };
    const provider = { id: 'bench-hospital', key, credential: () => credential };
    await callParticipant(provider, { url: `${ds.authorityUrl}/record-locator`, audience: 'ehealth-agency', body: { nationalIds: [MARIE] } });
    const start = Date.now() - EVENTS * 60_000;
    const loadStart = performance.now();
    for (let i = 0; i < EVENTS; i += 1000) {
      const events = Array.from({ length: Math.min(1000, EVENTS - i) }, (_, j) => ({
        patient: MARIE,
        auditEventId: randomUUID(),
        recorded: new Date(start + (i + j) * 60_000).toISOString(),
        purpose: (i + j) % 7 === 0 ? 'HRESCH' : 'TREAT',
        consumerId: 'd4h-clinic',
        professional: (i + j) % 2 ? 'sophie.reuter@alzette.example' : 'marc.thill@moselle.example',
        professionalRole: 'endocrinologist',
        organisation: (i + j) % 2 ? 'alzette-hospital' : 'moselle-clinic',
        agreementId: 'urn:uuid:bench',
        dataCategories: ['conditions', 'laboratory'],
        action: 'read',
        outcome: 'allowed',
        detail: 'consent active',
      }));
      await callParticipant(provider, { url: `${ds.authorityUrl}/access-events`, audience: 'ehealth-agency', body: { events } });
    }
    const loadMs = performance.now() - loadStart;
    await seedDemoUsers(app.db);
    const consumer = new DataspaceConsumer(app.db, testConsumerSettings(ds));
    const person = { nationalId: MARIE, userId: randomUUID() };
    // Cursors spread through the log, to read pages deep in it as well as the first.
    const cursors: Array<TAccessLogCursor | null> = [null];
    let cursor: TAccessLogCursor | null = null;
    for (let n = 0; n < 40; n++) {
      const page: Awaited<ReturnType<typeof accessLogPage>> = await accessLogPage(app.db, consumer, person, {}, cursor, 250);
      cursor = page.nextCursor;
      if (!cursor) break;
      cursors.push(cursor);
    }
    for (let i = 0; i < 20; i++) await accessLogPage(app.db, consumer, person, {}, null, 25);
    const first: number[] = [];
    const deep: number[] = [];
    const filtered: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await accessLogPage(app.db, consumer, person, {}, null, 25);
      first.push(performance.now() - t);
      t = performance.now();
      await accessLogPage(app.db, consumer, person, {}, cursors[i % cursors.length] ?? null, 25);
      deep.push(performance.now() - t);
      t = performance.now();
      await accessLogPage(app.db, consumer, person, { purpose: 'HRESCH', provider: 'bench-hospital' }, cursors[i % cursors.length] ?? null, 25);
      filtered.push(performance.now() - t);
    }
    const fmt = (ms: number[]) => {
      const s = [...ms].sort((a, b) => a - b);
      return `p50 ${quantile(s, 0.5).toFixed(1)} ms, p99 ${quantile(s, 0.99).toFixed(1)} ms`;
    };
    console.log(`access log of one patient with ${EVENTS} events at the authority's index (loaded in ${(loadMs / 1000).toFixed(1)} s), pages of 25, ${RUNS} runs each (target p99 ≤ 200 ms)`);
    console.log(`  first page: ${fmt(first)}`);
    console.log(`  page deep in the log (keyset cursor, ${cursors.length} positions): ${fmt(deep)}`);
    console.log(`  filtered (purpose + provider) from those positions: ${fmt(filtered)}`);
    console.log(`  machine: ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(2)}`);
  } finally {
    await app.close();
    await ds.stop();
  }
}
