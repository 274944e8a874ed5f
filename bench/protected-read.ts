/**
 * The cost of a protected read: the production web server (scripts/web-server.ts on the current build,
 * a fresh in-memory database, the four participants running) under autocannon, 50 connections for 10 s
 * each, alternating a bare route handler (`/api/health`, JSON, reads nothing) with the protected tRPC
 * query `session.me` (session cookie decoded, session checked, context, superjson). The ratio of their
 * throughputs in the same run is the figure; absolute req/s move with whatever else the machine runs.
 * Also times the parts of a session check in-process, so a regression shows where it is.
 * `npx tsx bench/protected-read.ts` or `npm run bench -- protected-read`.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { eq } from 'drizzle-orm';
import { encode, decode } from 'next-auth/jwt';
import { openDatabase } from '@/db/client';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { users } from '@/db/app/schema/users';
import { startDataspace } from '@/server/dataspace/testing/start-dataspace';
import { DEMO_PASSWORD } from '@/server/synthetic/demo-people';
import { decodeSessionToken } from '@/server/auth/session-token';
import { checkSession } from '@/server/auth/session-policy';
import { checkSessionCached } from '@/server/auth/session-check-cache';
import { credentialsSignIn } from '@/server/auth/testing/credentials-sign-in';
import { buildIsStale } from '../scripts/build-if-stale';
import { startWebServer, type StartedWebServer } from '../scripts/start-web-server';

const ROOT = path.resolve(import.meta.dirname, '..');
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 50;

async function signedInCookie(url: string): Promise<string> {
  const { cookies, location } = await credentialsSignIn(url, 'nora.berg@ehealth.example', DEMO_PASSWORD);
  const session = cookies.find((c) => c.startsWith('d4h.session='));
  if (!session) throw new Error(`sign-in failed: ${location}`);
  return session.split(';')[0]!;
}

interface Round {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts (an overloaded machine); reported, not counted as answers. */
  errors: number;
  timeouts: number;
}

async function load(name: string, url: string, headers: Record<string, string>, seconds = DURATION_S): Promise<Round> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  // A non-2xx answer would mean the protected read was refused, and the figure would measure a 401.
  if (result.non2xx > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers`);
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, timeouts: result.timeouts };
}

/** Mean time of one call, in µs, over `n` sequential calls. */
async function timeEach(n: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 50; i += 1) await fn();
  const started = performance.now();
  for (let i = 0; i < n; i += 1) await fn();
  return ((performance.now() - started) * 1000) / n;
}

/** The parts of a session check, timed in this process on an in-memory PGlite database. */
async function sessionCheckParts(): Promise<void> {
  const app = await openDatabase({ kind: 'memory' }, path.join(ROOT, 'db/app/migrations'));
  try {
    await seedDemoUsers(app.db);
    const [row] = await app.db.select().from(users).where(eq(users.email, 'nora.berg@ehealth.example'));
    if (!row) throw new Error('no seeded steward');
    const secret = randomBytes(32).toString('base64url');
    const user = { id: row.id, name: row.name, email: row.email, role: row.role, organisation: row.organisation, nationalId: row.nationalId };
    const claims = { uid: row.id, sv: row.sessionVersion, sid: randomUUID(), authTime: Math.floor(Date.now() / 1000) };
    const token = await encode({ token: { ...claims, user }, secret, maxAge: 1800 });
    const parts = [
      ['next-auth decode (key derived per call)', await timeEach(2000, () => decode({ token, secret }))],
      ['next-auth encode (what getServerSession adds per call)', await timeEach(2000, () => encode({ token: { ...claims, user }, secret, maxAge: 1800 }))],
      ['decodeSessionToken (key derived once)', await timeEach(2000, () => decodeSessionToken(token, secret))],
      ['checkSession (one statement, PGlite)', await timeEach(2000, () => checkSession(app.db, claims))],
      ['checkSessionCached (warm)', await timeEach(2000, () => checkSessionCached(app.db, claims))],
    ] as const;
    console.log('  parts of a session check, in-process (µs per call):');
    for (const [name, us] of parts) console.log(`    ${name.padEnd(56)} ${us.toFixed(1)}`);
  } finally {
    await app.close();
  }
}

export default async function run(): Promise<void> {
  if (buildIsStale(ROOT)) {
    console.log('  building the web app (next build)…');
    const build = spawnSync(path.join(ROOT, 'node_modules/.bin/next'), ['build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const ds = await startDataspace({ seedPatients: Number(process.env.BENCH_SEED_PATIENTS ?? 50), storage: 'memory', timeoutMs: 300_000 });
  let web: StartedWebServer | undefined;
  try {
    web = await startWebServer({
      DATABASE_URL: 'memory://',
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
      AUTHORITY_URL: ds.authorityUrl,
      DATASPACE_OPERATOR_TOKEN: ds.operatorToken,
    });
    const base = web.url;
    const cookie = await signedInCookie(base);
    const bare = `${base}/api/health`;
    const protectedRead = `${base}/api/trpc/session.me`;
    // Warm-up: the first requests of each route load and compile its code.
    await load('warm-up bare', bare, {}, 2);
    await load('warm-up protected', protectedRead, { cookie }, 2);
    const rounds: Round[] = [];
    for (const name of ['bare', 'protected', 'protected', 'bare'] as const) {
      rounds.push(name === 'bare' ? await load(name, bare, {}) : await load(name, protectedRead, { cookie }));
    }
    const mean = (name: string) => {
      const of = rounds.filter((r) => r.name === name);
      return of.reduce((n, r) => n + r.rps, 0) / of.length;
    };
    console.log(`  autocannon, ${CONNECTIONS} connections, ${DURATION_S} s per round, rounds bare → protected → protected → bare:`);
    for (const r of rounds) {
      const troubles = r.errors > 0 ? `  (${r.errors} errors, ${r.timeouts} of them timeouts)` : '';
      console.log(`    ${r.name.padEnd(10)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms${troubles}`);
    }
    console.log(`  bare route handler (GET /api/health): ${mean('bare').toFixed(0)} req/s`);
    console.log(`  protected tRPC query (session.me): ${mean('protected').toFixed(0)} req/s`);
    console.log(`  ratio protected / bare: ${(mean('protected') / mean('bare')).toFixed(2)}× (target ≥ 0.80×)`);
    console.log(`  machine: ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} (1 / 5 / 15 min)`);
  } finally {
    await web?.stop();
    await ds.stop();
  }
  await sessionCheckParts();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
