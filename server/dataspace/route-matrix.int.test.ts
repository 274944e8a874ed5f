import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@/db/client';
import { openTestDatabase } from '@/db/test-databases';
import { recordConsent } from '@/server/consent/authority-consents';
import { AUTHORITY_ROUTES } from './authority/authority-app';
import { CALLBACK_BASE, CALLBACK_ROUTES } from './consumer/callback-routes';
import { DataspaceConsumer } from './consumer/dataspace-consumer';
import { receiveContractOffer } from './consumer/offer-inbox';
import { PARTICIPANT_ROLES, type ParticipantRole } from './protocol/participant-credential';
import { generateParticipantKeyPair, publicJwks } from './protocol/participant-keys';
import { PATIENT_ASSERTION_HEADER, signPatientAssertion } from './protocol/patient-assertion';
import { signParticipantToken } from './protocol/participant-token';
import { PRACTITIONER_ASSERTION_HEADER, signPractitionerAssertion, STEWARD_ROLE } from './protocol/practitioner-assertion';
import { PROVIDER_ROUTES } from './provider/provider-routes';
import type { ParticipantIdentity } from './protocol/participant-http';
import { ACCESS_KINDS, mounted, type AccessKind, type RouteRule } from './runtime/route-access';
import { testConsumerSettings } from './testing/consumer-settings';
import { startDataspace, type Dataspace } from './testing/start-dataspace';
import { receiveProviderCallback } from './consumer/callback-inbox';
import { TOKEN_ERROR_KINDS } from './protocol/token-error';

const ACCESS_REFUSALS: ReadonlySet<string> = new Set([...Object.values(TOKEN_ERROR_KINDS), 'operator-token-required']);

// Issue 7: every route of every participant, called with every kind of caller, against its declared
// rule. The routes come from the rule tables the participants enforce (a participant refuses to start
// when it serves a route without one, and the callback folder is read from disk below), not from a list here.

const MARIE = '1958031500017';
const LUC = '1955012600062';
const AUTHORITY = 'ehealth-agency';

/** One kind of caller and the access kinds it satisfies. */
interface Credential {
  name: string;
  admits: ReadonlySet<AccessKind>;
  headers: (audience: string) => Promise<Record<string, string>>;
}

let ds: Dataspace;
let database: OpenDatabase;
let consumer: DataspaceConsumer;
let portal: ParticipantIdentity;
let inbox: ServerType;
let inboxUrl = '';
let marieRule = '';
const credentials: Credential[] = [];

const tokenFor = async (who: ParticipantIdentity, audience: string) => ({ authorization: `Bearer ${await signParticipantToken({ participantId: who.id, key: who.key, credential: who.credential(), audience })}` });

async function enrol(id: string, roles: ParticipantRole[]): Promise<ParticipantIdentity> {
  const key = await generateParticipantKeyPair();
  const res = await fetch(`${ds.authorityUrl}/registry/enrol`, { method: 'POST', headers: { authorization: `Bearer ${ds.operatorToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ id, legalName: `Matrix ${id}`, kind: 'hospital', roles, jwks: publicJwks(key) }) });
  expect(res.status).toBe(201);
  const { credential } = (await res.json()) as { credential: string };
  return { id, key, credential: () => credential };
}

/** Concrete values for a rule's path parameters and a body that the route's handler may refuse, but only as bad input. */
function requestFor(rule: RouteRule): { path: string; body?: string } {
  const params: Record<string, string> = { nationalId: MARIE, id: rule.path.startsWith('/consents') ? marieRule : 'nobody-here', jti: 'urn:uuid:none', consumer: 'd4h-clinic', pid: 'urn:uuid:none', type: 'Patient' };
  let p = rule.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeURIComponent(params[name] ?? 'x'));
  // Routes about one person name Marie; a patient assertion for someone else must be refused there.
  if ((rule.method === 'GET' && (rule.path.startsWith('/consents') || rule.path === '/access-events')) || rule.path === '/consents/:id/withdraw') p += `?patient=${MARIE}`;
  if (rule.method !== 'POST') return { path: p };
  if (rule.path === '/consents') return { path: p, body: JSON.stringify({ patient: MARIE, decision: 'permit', purpose: 'MLTRAIN' }) };
  // A stale base version: the callers admitted get a conflict (nothing written), the others a refusal.
  if (rule.path === '/consents/versions') return { path: p, body: JSON.stringify({ patient: MARIE, baseVersion: 999, idempotencyKey: 'route-matrix-change', rules: [] }) };
  return { path: p, body: '{}' };
}

/** Allowed when any kind of the rule admits the caller. */
const expected = (rule: RouteRule, c: Credential) => rule.access.some((k) => c.admits.has(k));

async function call(base: string, audience: string, rule: RouteRule, c: Credential) {
  const { path: p, body } = requestFor(rule);
  const res = await fetch(`${base}${p}`, { method: rule.method, headers: { ...(await c.headers(audience)), ...(body ? { 'content-type': 'application/json' } : {}) }, body });
  const text = await res.text();
  // DSP errors carry a code: an access refusal's says why (see ACCESS_REFUSALS).
  const code = ((): string | undefined => {
    try {
      return (JSON.parse(text) as { code?: string }).code;
    } catch {
      return undefined;
    }
  })();
  return Object.assign(res, { code });
}

beforeAll(async () => {
  [ds, database] = await Promise.all([startDataspace({ seedPatients: 20, timeoutMs: 400_000, env: { CONSENT_LEASE_SECONDS: '3' } }), openTestDatabase('pglite', path.resolve('db/app/migrations'))]);
  let handle: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
  // The web app's callback routes, served exactly as the Next.js routes serve them.
  inbox = serve({ fetch: (request) => handle(request), port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => inbox.once('listening', r));
  inboxUrl = `http://127.0.0.1:${(inbox.address() as AddressInfo).port}`;
  consumer = new DataspaceConsumer(database.db, testConsumerSettings(ds, { callbackAddress: `${inboxUrl}${CALLBACK_BASE}` }));
  handle = (request) => {
    const path = new URL(request.url).pathname;
    if (request.method !== 'POST' || !path.startsWith(CALLBACK_BASE)) return Promise.resolve(new Response(null, { status: 404 }));
    if (path === `${CALLBACK_BASE}${CALLBACK_ROUTES.offers.path}`) return receiveContractOffer(consumer, request);
    const [, process, consumerPid, message] = path.slice(CALLBACK_BASE.length).split('/');
    if ((process !== 'negotiations' && process !== 'transfers') || !consumerPid || !message) return Promise.resolve(new Response(null, { status: 404 }));
    return receiveProviderCallback(consumer, request, { process, consumerPid: decodeURIComponent(consumerPid), message });
  };
  portal = await consumer.identity.current();

  const steward = { userId: 'nora.berg@ehealth.example', purpose: 'route matrix test' };
  const stewardHeader = async (audience: string) => ({
    ...(await tokenFor(portal, audience)),
    [PRACTITIONER_ASSERTION_HEADER]: await signPractitionerAssertion({ ...steward, role: STEWARD_ROLE, organisation: AUTHORITY, key: portal.key, consumerId: portal.id, audience }),
  });
  const patientHeader = (nationalId: string) => async (audience: string) => ({
    ...(await tokenFor(portal, audience)),
    [PATIENT_ASSERTION_HEADER]: await signPatientAssertion({ nationalId, portalId: portal.id, key: portal.key, audience }),
  });
  // A rule of Marie's for the withdrawal routes, made by a steward.
  marieRule = (await recordConsent(portal, { url: ds.authorityUrl, id: AUTHORITY }, { steward }, { patient: MARIE, decision: 'permit', purpose: 'MLTRAIN' })).id;

  const base = new Set<AccessKind>([ACCESS_KINDS.public]);
  const asParticipant = (roles: readonly ParticipantRole[]) => new Set<AccessKind>([...base, ACCESS_KINDS.participant, ...(roles.includes('provider') ? [ACCESS_KINDS.provider] : []), ...(roles.includes('consumer') ? [ACCESS_KINDS.consumer] : [])]);
  const portalRoles = ['consumer', 'hospital', 'research', 'portal'] as const;
  credentials.push({ name: 'no token', admits: base, headers: async () => ({}) });
  credentials.push({ name: 'operator token', admits: new Set([...base, ACCESS_KINDS.operator]), headers: async () => ({ authorization: `Bearer ${ds.operatorToken}` }) });
  for (const role of Object.values(PARTICIPANT_ROLES)) {
    const who = await enrol(`matrix-${role}`, [role]);
    credentials.push({ name: `participant with role ${role}`, admits: asParticipant([role]), headers: (audience) => tokenFor(who, audience) });
  }
  const wrongAudience = await enrol('matrix-audience', ['provider', 'consumer']);
  credentials.push({ name: 'participant token for another audience', admits: base, headers: () => tokenFor(wrongAudience, 'moselle-clinic') });
  // Another patient's first: the one for Marie withdraws her rule, after which it is simply unknown.
  credentials.push({ name: 'patient assertion for another patient', admits: asParticipant(portalRoles), headers: patientHeader(LUC) });
  credentials.push({ name: 'patient assertion (that patient)', admits: new Set([...asParticipant(portalRoles), ACCESS_KINDS.patient]), headers: patientHeader(MARIE) });
  credentials.push({ name: 'steward assertion', admits: new Set([...asParticipant(portalRoles), ACCESS_KINDS.steward]), headers: stewardHeader });
  const notSteward = async (audience: string) => ({
    ...(await tokenFor(portal, audience)),
    [PRACTITIONER_ASSERTION_HEADER]: await signPractitionerAssertion({ userId: 'sophie.reuter@alzette.example', role: 'endocrinologist', organisation: 'alzette-hospital', purpose: 'TREAT', key: portal.key, consumerId: portal.id, audience }),
  });
  credentials.push({ name: 'clinician assertion (not a steward)', admits: asParticipant(portalRoles), headers: notSteward });
}, 600_000);

afterAll(async () => {
  await new Promise((r) => inbox?.close(r));
  await ds?.stop();
  await database?.close();
});

describe('the participants\' route matrix', () => {
  const targets = () => [
    { name: AUTHORITY, url: ds.authorityUrl, audience: AUTHORITY, rules: AUTHORITY_ROUTES, headers: true },
    { name: 'alzette-hospital', url: ds.participants['alzette-hospital'].url, audience: 'alzette-hospital', rules: PROVIDER_ROUTES, headers: true },
    { name: 'the web app\'s DSP callback', url: inboxUrl, audience: 'd4h-clinic', rules: mounted(CALLBACK_BASE, Object.values(CALLBACK_ROUTES)), headers: false },
  ];

  it('answers every route as its rule says, for every kind of caller, never with a server error, always with the security headers', async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const target of targets()) {
      for (const rule of target.rules) {
        for (const c of credentials) {
          const res = await call(target.url, target.audience, rule, c);
          cells += 1;
          // DSP negotiation and transfer endpoints answer an unauthorised caller 404 (the bindings'
          // "Unauthorized Access"), with the access layer's reason as the error code.
          const allowed = res.status !== 401 && res.status !== 403 && !(res.status === 404 && res.code && ACCESS_REFUSALS.has(res.code));
          if (target.headers) {
            // Issue 7 part 4: the participants' own headers (the callback's come from the web app's middleware).
            const h = res.headers;
            const needsNoStore = !rule.access.includes('public');
            if (h.get('x-content-type-options') !== 'nosniff' || h.get('content-security-policy') !== "default-src 'none'; frame-ancestors 'none'" || (needsNoStore && h.get('cache-control') !== 'no-store')) {
              wrong.push(`${target.name} ${rule.method} ${rule.path} × ${c.name}: headers ${JSON.stringify([...h.entries()])}`);
            }
          }
          if (res.status >= 500) wrong.push(`${target.name} ${rule.method} ${rule.path} × ${c.name}: ${res.status}`);
          else if (allowed !== expected(rule, c)) wrong.push(`${target.name} ${rule.method} ${rule.path} × ${c.name}: ${res.status}, rule [${rule.access.join(', ')}]`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(cells).toBeGreaterThan(400);
  }, 600_000);

  it('has a rule for every route file of the web app\'s DSP callback', () => {
    const root = path.resolve('app/api/dsp/callback');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('route.ts'));
    expect(files.length).toBeGreaterThan(0);
    const declared = mounted(CALLBACK_BASE, Object.values(CALLBACK_ROUTES));
    for (const file of files) {
      // A dynamic folder ([consumerPid]) is a path parameter (:consumerPid) in the rule.
      const routePath = `${CALLBACK_BASE}/${path.dirname(file).replace(/\[([^\]]+)\]/g, ':$1')}`;
      const methods = [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/export (?:async )?function (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]);
      for (const method of methods) expect(declared.some((r) => r.method === method && r.path === routePath), `${method} ${routePath}`).toBe(true);
    }
  });

  it('refuses a path no rule covers as if it did not exist', async () => {
    for (const url of [ds.authorityUrl, ds.participants['alzette-hospital'].url]) {
      const res = await fetch(`${url}/admin/anything`, { headers: { authorization: `Bearer ${ds.operatorToken}` } });
      expect(res.status).toBe(404);
    }
  });
});
