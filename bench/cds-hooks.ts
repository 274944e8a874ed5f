/**
 * CDS Hooks patient-view from prefetch under 20 concurrent clients: the real endpoint functions
 * (server/cds-hooks/cds-hooks-api.ts: JWT verification, jti replay store, zod parsing, feature
 * assembly, guardrails, ONNX model, cards, audit append) served over HTTP by @hono/node-server, with an
 * in-memory PGlite app DB (the embedded default) and the committed model. Each request carries its own
 * ES384 JWT, signed before the run so the client's signing does not count. Reports p50/p99 latency,
 * throughput, CPU time per request (less moved by other work on the machine than wall time) and the
 * event-loop delay during the run (perf_hooks.monitorEventLoopDelay), with GET
 * /cds-services (no work) as the baseline of the same run. Target p99 ≤ 50 ms (issue 9); the client
 * runs in the same process, so the figures include its share of the CPU.
 * `npm run bench -- cds-hooks` (BENCH_CDS_REQUESTS, default 2000; BENCH_DATABASE_URL=postgres://… runs
 * it on PostgreSQL, where the database work leaves the event loop's process).
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { openDatabase, parseDatabaseTarget } from '@/db/client';
import { parseCdsClients } from '@/server/cds-hooks/cds-clients-file';
import { createCdsHooksApi } from '@/server/cds-hooks/cds-hooks-api';
import { createCdsClientAuthenticator } from '@/server/cds-hooks/client-auth';
import { dbJtiStore } from '@/server/cds-hooks/jti-store';
import { ehrPrefetch } from '@/server/cds-hooks/testing/ehr-patient';
import { warmUpTherapyModel } from '@/server/diabetes/model/model-session';

const CLIENTS = 20;
const REQUESTS = Number(process.env.BENCH_CDS_REQUESTS ?? 2000);
const SERVICE = 'd4h-diabetes-patient-view';
const ISS = 'https://bench-ehr.example';

const percentile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const ms = (v: number): string => v.toFixed(1);

async function load(label: string, n: number, request: (i: number) => Promise<Response>, clients = CLIENTS): Promise<{ p50: number; p99: number; rps: number; cpuMs: number; eld: { p50: number; p99: number; max: number }; statuses: Map<number, number> }> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const eld = monitorEventLoopDelay({ resolution: 1 });
  eld.enable();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        const res = await request(i);
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  eld.disable();
  latencies.sort((a, b) => a - b);
  const figures = { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), rps: n / seconds, eld: { p50: eld.percentile(50) / 1e6, p99: eld.percentile(99) / 1e6, max: eld.max / 1e6 }, statuses, cpuMs: (cpu.user + cpu.system) / 1000 / n };
  console.log(
    `cds-hooks: ${label}, ${clients} concurrent client${clients === 1 ? '' : 's'} × ${n} requests: p50 ${ms(figures.p50)} ms, p99 ${ms(figures.p99)} ms, ${figures.rps.toFixed(0)} req/s, ${ms(figures.cpuMs)} ms CPU per request (server and client); event-loop delay p50 ${ms(figures.eld.p50)} ms, p99 ${ms(figures.eld.p99)} ms, max ${ms(figures.eld.max)} ms; statuses ${[...statuses].map(([s, c]) => `${s}×${c}`).join(', ')}`,
  );
  return figures;
}

export default async function run(): Promise<void> {
  const target = process.env.BENCH_DATABASE_URL ? parseDatabaseTarget(process.env.BENCH_DATABASE_URL) : ({ kind: 'memory' } as const);
  const { db, close } = await openDatabase(target, path.resolve(import.meta.dirname, '../db/app/migrations'));
  const status = await warmUpTherapyModel();
  if (status.state !== 'ready') throw new Error(`model not ready: ${JSON.stringify(status)}`);
  const { publicKey, privateKey } = await generateKeyPair('ES384');
  const clients = parseCdsClients(JSON.stringify([{ iss: ISS, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'b1', alg: 'ES384' }] } }]), 'bench');
  const holder: { api?: ReturnType<typeof createCdsHooksApi> } = {};
  const app = new Hono();
  app.get('/cds-services', () => holder.api?.discovery() ?? new Response(null, { status: 503 }));
  app.post('/cds-services/:id', (c) => holder.api?.call(c.req.raw, c.req.param('id')) ?? new Response(null, { status: 503 }));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  holder.api = createCdsHooksApi({ db, authenticator: createCdsClientAuthenticator(clients, dbJtiStore(db)), publicUrl: base });

  const sign = () =>
    new SignJWT({}).setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: 'b1' }).setIssuer(ISS).setAudience(`${base}/cds-services/${SERVICE}`).setIssuedAt().setExpirationTime('5m').setJti(randomUUID()).sign(privateKey);
  const warm = 100;
  const single = 200;
  const tokens = await Promise.all(Array.from({ length: REQUESTS + warm + single }, sign));
  // A mix of patients: with heart failure (SGLT2i card + model), plain, and at target (no model options).
  const bodies = [ehrPrefetch({ heartFailure: true }), ehrPrefetch({}), ehrPrefetch({ hba1cMmolMol: 50 }), ehrPrefetch({ egfr: 28 })].map((prefetch) =>
    JSON.stringify({ hook: 'patient-view', hookInstance: randomUUID(), context: { userId: 'Practitioner/b', patientId: 'ehr-pt-1' }, prefetch }),
  );
  const post = (i: number) =>
    fetch(`${base}/cds-services/${SERVICE}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` }, body: bodies[i % bodies.length] });

  console.log(`cds-hooks: ${os.cpus().length} cores, 1-min load average ${os.loadavg()[0]?.toFixed(2)}, app DB ${target.kind}`);
  await load('warm-up', warm, (i) => post(REQUESTS + i));
  const baseline = await load('baseline GET /cds-services', REQUESTS, () => fetch(`${base}/cds-services`));
  const pv = await load('patient-view from prefetch', REQUESTS, post);
  // One client: the latency of a call that does not queue behind 19 others on the one event loop.
  await load('patient-view from prefetch', single, (i) => post(REQUESTS + warm + i), 1);
  console.log(`cds-hooks: patient-view p99 ${ms(pv.p99)} ms (target ≤ 50 ms), ${(pv.p99 / baseline.p99).toFixed(1)}× the baseline p99; load ${os.loadavg()[0]?.toFixed(2)}`);
  await new Promise((r) => server.close(r));
  await close();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
