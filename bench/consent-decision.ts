/**
 * The consent decision API (the authority's POST /pdp/decide) in process: the authority's Hono app on
 * an in-memory PGlite database with 2,000 people holding a Consent of their own, called through
 * `app.request` by an enrolled provider with a fresh participant token per request (verified by the
 * route-access middleware as in production; tokens are signed before the clock starts, since signing is
 * the caller's cost), 200 requests in flight at a time. Reported: p50/p99 of the whole route, of the
 * same route once each person's rules are in memory (the steady state between consent writes), and of
 * the pure decision (policy-decision.ts) alone. Target (issue 11): p99 ≤ 5 ms.
 * `npm run bench -- consent-decision`.
 */
import path from 'node:path';
import { openDatabase } from '@/db/client';
import { AUTHORITY_ROUTES, createAuthorityApp } from '@/server/dataspace/authority/authority-app';
import { seedConsentVersions } from '@/server/dataspace/authority/consent-registry';
import { rulesOf } from '@/server/dataspace/authority/consent-resource';
import { DEFAULT_CONSENT_POLICY, defaultRules, generatedConsentRules } from '@/server/dataspace/authority/default-consents';
import { decide } from '@/server/dataspace/authority/policy-decision';
import { consentVersion } from '@/db/participant/schema/consent';
import { generateParticipantKeyPair, publicJwks } from '@/server/dataspace/protocol/participant-keys';
import { signParticipantToken } from '@/server/dataspace/protocol/participant-token';
import { memoryReplayGuard } from '@/server/dataspace/protocol/replay-guard';
import { DATA_CATEGORIES } from '@/server/fhir/data-category';

const ROOT = path.resolve(import.meta.dirname, '..');
const PEOPLE = 2000;
const CONCURRENCY = 200;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const OPERATOR = 'bench-operator-token-0123456789';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const fmt = (ms: number) => `${ms.toFixed(2)} ms`;

/** Runs `total` calls with `concurrency` in flight; each call's own latency, sorted. */
async function underLoad(total: number, concurrency: number, call: (i: number) => Promise<void>): Promise<{ sorted: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        await call(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { sorted: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}

export default async function consentDecisionBench(): Promise<void> {
  const { db, close } = await openDatabase({ kind: 'memory' }, path.join(ROOT, 'db/participant/migrations'));
  try {
    const key = await generateParticipantKeyPair();
    const app = createAuthorityApp({ id: 'ehealth-agency', db, key, credential: () => '', operatorToken: OPERATOR, replay: memoryReplayGuard() });
    if (AUTHORITY_ROUTES.length === 0) throw new Error('no routes');
    const enrol = async (id: string) => {
      const participantKey = await generateParticipantKeyPair();
      const res = await app.request('/registry/enrol', { method: 'POST', headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' }, body: JSON.stringify({ id, jwks: publicJwks(participantKey) }) });
      if (res.status !== 201) throw new Error(`enrolment of ${id}: ${res.status} ${await res.text()}`);
      return { id, key: participantKey, credential: ((await res.json()) as { credential: string }).credential };
    };
    const provider = await enrol('alzette-hospital');
    await enrol('d4h-clinic');
    const people = Array.from({ length: PEOPLE }, (_, i) => `19${String(50 + (i % 50)).padStart(2, '0')}0101${String(i).padStart(5, '0')}`);
    // Everyone gets a Consent version: the synthetic choices, or a research opt-out when they have none.
    await seedConsentVersions(db, 'ehealth-agency', people.map((patient) => ({ patient, rules: generatedConsentRules(patient).length > 0 ? generatedConsentRules(patient) : [{ id: 'p', decision: 'deny', purpose: 'HRESCH', organisation: null, professional: null, dataCategory: null, validFrom: null, validUntil: null }] })), 'bench');
    const categories = Object.values(DATA_CATEGORIES);
    const body = (i: number) => JSON.stringify({ patient: people[i % PEOPLE], purpose: i % 3 === 0 ? 'HRESCH' : 'TREAT', consumer: 'd4h-clinic', organisation: 'alzette-hospital', professional: 'sophie.reuter@alzette.example', categories });
    const tokens = async (n: number) => Promise.all(Array.from({ length: n }, () => signParticipantToken({ participantId: provider.id, key: provider.key, credential: provider.credential, audience: 'ehealth-agency' })));
    const route = async (label: string, concurrency = CONCURRENCY, total = REQUESTS) => {
      const signed = await tokens(total);
      let refused = 0;
      const { sorted, seconds } = await underLoad(total, concurrency, async (i) => {
        const res = await app.request('/pdp/decide', { method: 'POST', headers: { authorization: `Bearer ${signed[i]}`, 'content-type': 'application/json' }, body: body(i) });
        if (res.status !== 200) refused += 1;
        await res.arrayBuffer();
      });
      if (refused > 0) throw new Error(`${label}: ${refused} answers were not 200`);
      // Under 200 in flight a request's latency is mostly its wait behind the others (Little's law):
      // the service time per decision is 1 / throughput.
      console.log(`${label.padEnd(62)} p50 ${fmt(percentile(sorted, 50))}  p99 ${fmt(percentile(sorted, 99))}  ${Math.round(total / seconds)} req/s = ${fmt((seconds * 1000) / total)} per decision`);
    };
    console.log(`${REQUESTS} decisions, ${CONCURRENCY} in flight, ${PEOPLE} people with a Consent each`);
    await route('POST /pdp/decide, rules read from the registry');
    await route('POST /pdp/decide, rules in memory (between consent writes)');
    await route('the same, one request at a time (no queue)', 1, 1000);
    const defaults = defaultRules(DEFAULT_CONSENT_POLICY);
    const rows = await db.select().from(consentVersion);
    const rules = new Map(rows.map((r) => [r.patientNationalId, [...defaults, ...rulesOf(r.resource, r.patientNationalId)]]));
    // The decision itself is synchronous: timed call by call (under "200 in flight" it would only measure the queue).
    const pure: number[] = [];
    for (let i = 0; i < REQUESTS * 10; i += 1) {
      const patient = people[i % PEOPLE] as string;
      const t0 = performance.now();
      decide({ patient, purpose: i % 3 === 0 ? 'HRESCH' : 'TREAT', organisation: 'alzette-hospital', professional: 'x', categories }, rules.get(patient) ?? defaults);
      pure.push(performance.now() - t0);
    }
    pure.sort((a, b) => a - b);
    console.log(`${'decide() alone (pure, rules in hand)'.padEnd(62)} p50 ${(percentile(pure, 50) * 1000).toFixed(1)} µs  p99 ${(percentile(pure, 99) * 1000).toFixed(1)} µs`);
  } finally {
    await close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await consentDecisionBench();
