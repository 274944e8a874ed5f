import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { CryptoKey, JWK } from 'jose';
import { SignJWT, UnsecuredJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@/db/client';
import { auditEvents } from '@/db/app/schema/audit-events';
import { cdsClientTokens, cdsFeedback } from '@/db/app/schema/cds-hooks';
import { openTestDatabase } from '@/db/test-databases';
import { ZCdsServiceResponseSchema, type TCard } from '@/server/cds-hooks/cards/card-schema';
import { OVERRIDE_REASONS } from '@/server/cds-hooks/cards/override-reasons';
import { readCdsClientsFile } from '@/server/cds-hooks/cds-clients-file';
import { createCdsHooksApi } from '@/server/cds-hooks/cds-hooks-api';
import { createCdsClientAuthenticator } from '@/server/cds-hooks/client-auth';
import { dbJtiStore } from '@/server/cds-hooks/jti-store';
import { ehrPrefetch } from '@/server/cds-hooks/testing/ehr-patient';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';

/**
 * A CDS Hooks client against the real endpoints over HTTP, with the real app DB (PGlite), the real
 * model and guardrails: it signs its JWTs, discovers, calls both hooks from prefetch (and once through
 * fhirServer), checks every card against the spec's schema, and is refused whenever its token is not
 * right. The "EHR" here is the test: its keys, its prefetch and, for fhirServer, its FHIR endpoint.
 */
let database: OpenDatabase;
let server: ServerType;
let base: string;
let ecKey: CryptoKey;
let otherKey: CryptoKey;
let rsKey: CryptoKey;
const EC_ISS = 'https://ehr.example/cds-client';
const RS_ISS = 'https://other-ehr.example';
let fhirToken = 'ehr-access-token-1';

const PV = 'd4h-diabetes-patient-view';
const OS = 'd4h-diabetes-order-select';

async function jwt(o: { iss?: string; aud?: string; exp?: number; iat?: number; jti?: string; key?: CryptoKey; alg?: string; kid?: string } = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tenant: 'ward-7' })
    .setProtectedHeader({ alg: o.alg ?? 'ES384', typ: 'JWT', kid: o.kid ?? 'ec-1' })
    .setIssuer(o.iss ?? EC_ISS)
    .setAudience(o.aud ?? `${base}/cds-services/${PV}`)
    .setIssuedAt(o.iat ?? now)
    .setExpirationTime(o.exp ?? now + 120)
    .setJti(o.jti ?? randomUUID())
    .setSubject('ehr-client-1')
    .sign(o.key ?? ecKey);
}

async function call(service: string, body: unknown, token?: string | null): Promise<Response> {
  const auth = token === null ? undefined : (token ?? (await jwt({ aud: `${base}/cds-services/${service}` })));
  return fetch(`${base}/cds-services/${service}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const patientView = (prefetch: Record<string, unknown> = ehrPrefetch({ heartFailure: true })) => ({
  hook: 'patient-view',
  hookInstance: randomUUID(),
  context: { userId: 'Practitioner/dr-1', patientId: 'ehr-pt-1' },
  prefetch,
});

const draftOrder = (atc: string, display: string) => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: [{ resource: { resourceType: 'MedicationRequest', id: 'draft-1', status: 'draft', intent: 'order', subject: { reference: 'Patient/ehr-pt-1' }, medicationCodeableConcept: { coding: [{ system: CODE_SYSTEMS.atc, code: atc, display }], text: display } } }],
});

async function cardsOf(res: Response): Promise<TCard[]> {
  expect(res.status).toBe(200);
  const body: unknown = await res.json();
  const parsed = ZCdsServiceResponseSchema.safeParse(body);
  expect(parsed.error?.issues ?? []).toEqual([]);
  return parsed.data?.cards ?? [];
}

beforeAll(async () => {
  database = await openTestDatabase('pglite', path.resolve('db/app/migrations'));
  // The registered EC key is the public half of ecKey; otherKey is a stranger's key of the same kind.
  const ec = await generateKeyPair('ES384');
  ecKey = ec.privateKey;
  otherKey = (await generateKeyPair('ES384')).privateKey;
  const rs = await generateKeyPair('RS384');
  rsKey = rs.privateKey;
  const rsJwk: JWK = { ...(await exportJWK(rs.publicKey)), kid: 'rs-1', alg: 'RS384' };

  const app = new Hono();
  // The second EHR publishes its JWK Set; the first is registered with its keys inline.
  app.get('/ehr2/jwks.json', (c) => c.json({ keys: [rsJwk] }));
  // The first EHR's FHIR server: answers the prefetch searches for its patient with the access token it granted.
  const ehr = ehrPrefetch({ heartFailure: true });
  app.get('/ehr-fhir/*', (c) => {
    if (c.req.header('authorization') !== `Bearer ${fhirToken}`) return c.json({ resourceType: 'OperationOutcome' }, 401);
    const p = new URL(c.req.url).pathname.replace('/ehr-fhir/', '');
    const q = new URL(c.req.url).searchParams;
    if (p === 'Patient/ehr-pt-1') return c.json(ehr.patient as object);
    const codes = (q.get('code') ?? '').split(',').map((s) => s.split('|')[1]);
    const key = p === 'Condition' ? 'conditions' : p === 'MedicationRequest' ? 'medications' : codes.includes('4548-4') ? 'hba1c' : codes.includes('62238-1') ? 'egfr' : codes.includes('39156-5') ? 'bmi' : 'otherLabs';
    return c.json((ehr[key as keyof typeof ehr] ?? { resourceType: 'Bundle', type: 'searchset', entry: [] }) as object);
  });
  // Routes are mounted before the API exists (its service URLs need the server's port).
  const mounted: { api?: ReturnType<typeof createCdsHooksApi> } = {};
  app.get('/cds-services', () => mounted.api?.discovery() ?? new Response(null, { status: 503 }));
  app.post('/cds-services/:id', (c) => mounted.api?.call(c.req.raw, c.req.param('id')) ?? new Response(null, { status: 503 }));
  app.post('/cds-services/:id/feedback', (c) => mounted.api?.feedback(c.req.raw, c.req.param('id')) ?? new Response(null, { status: 503 }));
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const dir = mkdtempSync(path.join(os.tmpdir(), 'cds-clients-'));
  const file = path.join(dir, 'cds-clients.json');
  writeFileSync(file, JSON.stringify([
    { iss: EC_ISS, jwks: { keys: [{ ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES384' }] } },
    { iss: RS_ISS, jwksUrl: `${base}/ehr2/jwks.json` },
  ]));
  const clients = readCdsClientsFile(file);
  mounted.api = createCdsHooksApi({ db: database.db, authenticator: createCdsClientAuthenticator(clients, dbJtiStore(database.db)), publicUrl: base });
}, 60_000);

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await database?.close();
});

describe('CDS Hooks client', () => {
  it('discovers both services with CORS and the prefetch templates', async () => {
    const res = await fetch(`${base}/cds-services`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as { services: { id: string; hook: string; description: string; prefetch: Record<string, string> }[] };
    expect(body.services.map((s) => [s.id, s.hook])).toEqual([[PV, 'patient-view'], [OS, 'order-select']]);
    for (const s of body.services) {
      expect(Object.keys(s.prefetch)).toEqual(expect.arrayContaining(['patient', 'hba1c', 'egfr', 'bmi', 'conditions', 'medications']));
      expect(s.prefetch.hba1c).toContain('4548-4');
      expect(s.prefetch.hba1c).toContain('59261-8');
      expect(s.prefetch.patient).toBe('Patient/{{context.patientId}}');
    }
  });

  it('patient-view from the minimum prefetch: guideline and model cards that follow the spec', async () => {
    const cards = await cardsOf(await call(PV, patientView()));
    const sglt2 = cards.find((c) => c.summary.startsWith('SGLT2 inhibitor recommended'));
    expect(sglt2?.indicator).toBe('warning');
    expect(sglt2?.source.url).toMatch(/^https:\/\//);
    const model = cards.find((c) => c.source.topic?.code === 'model-options');
    expect(model?.suggestions?.length).toBeGreaterThan(0);
    expect(model?.selectionBehavior).toBe('at-most-one');
    expect(model?.detail).toContain('SHA-256');
    for (const card of cards) {
      expect(card.summary.length).toBeLessThan(140);
      expect(card.uuid).toBeDefined();
      expect(card.links?.[0]?.url).toBe(`${base}/diabetes/patients/1961032512345`);
      for (const s of card.suggestions ?? []) {
        const create = s.actions?.find((a) => a.type === 'create');
        const codings = (create?.resource as { medicationCodeableConcept?: { coding?: { system?: string }[] } } | undefined)?.medicationCodeableConcept?.coding ?? [];
        expect(create?.resource?.resourceType).toBe('MedicationRequest');
        expect(codings.map((c) => c.system)).toEqual([CODE_SYSTEMS.atc, CODE_SYSTEMS.rxnorm]);
      }
      if (card.suggestions) expect(card.overrideReasons).toEqual(OVERRIDE_REASONS);
    }
    // The first suggestion of the model card is its rank 1, and metformin (already taken) is not offered.
    expect(model?.suggestions?.[0]?.isRecommended).toBe(true);
    expect(JSON.stringify(model?.suggestions)).not.toContain('A10BA02');
  });

  it('patient-view through fhirServer + fhirAuthorization when nothing is prefetched', async () => {
    const body = { ...patientView(), prefetch: undefined, fhirServer: `${base}/ehr-fhir`, fhirAuthorization: { access_token: fhirToken, token_type: 'Bearer', expires_in: 300, scope: 'patient/*.read', subject: 'cds-service' } };
    const cards = await cardsOf(await call(PV, body));
    expect(cards.some((c) => c.summary.startsWith('SGLT2 inhibitor recommended'))).toBe(true);
    fhirToken = 'rotated';
    const refused = await call(PV, body);
    expect(refused.status).toBe(412);
    expect(JSON.stringify(await refused.json())).toContain('answered 401');
    fhirToken = 'ehr-access-token-1';
  });

  it('order-select: metformin at eGFR 25 is a critical card that replaces it, SGLT2i first', async () => {
    const body = { hook: 'order-select', hookInstance: randomUUID(), context: { userId: 'Practitioner/dr-1', patientId: 'ehr-pt-1', selections: ['MedicationRequest/draft-1'], draftOrders: draftOrder('A10BA02', 'metformin 500 mg') }, prefetch: ehrPrefetch({ egfr: 25, onMetformin: false }) };
    const cards = await cardsOf(await call(OS, body));
    expect(cards).toHaveLength(1);
    const card = cards[0];
    expect(card?.indicator).toBe('critical');
    expect(card?.detail).toContain('eGFR < 30');
    const first = card?.suggestions?.[0];
    expect(first?.actions?.map((a) => a.type)).toEqual(['delete', 'create']);
    expect(first?.actions?.[0]?.resourceId).toBe('MedicationRequest/draft-1');
    expect(first?.label).toContain('SGLT2');
    // A suitable order (an SGLT2 inhibitor at eGFR 72) gets no card.
    const fine = { ...body, hookInstance: randomUUID(), context: { ...body.context, draftOrders: draftOrder('A10BK03', 'empagliflozin 10 mg') }, prefetch: ehrPrefetch({}) };
    expect(await cardsOf(await call(OS, fine))).toEqual([]);
  });

  it('refuses unsigned, wrongly signed, wrong-audience, expired, unknown-issuer and replayed tokens with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const aud = `${base}/cds-services/${PV}`;
    const unsigned = new UnsecuredJWT({ jti: randomUUID() }).setIssuer(EC_ISS).setAudience(aud).setIssuedAt().setExpirationTime('2m').encode();
    const cases: [string, string | null][] = [
      ['no token', null],
      ['unsigned', unsigned],
      ['wrongly signed', await jwt({ key: otherKey, aud })],
      ['wrong aud', await jwt({ aud: `${base}/cds-services/${OS}` })],
      ['expired', await jwt({ aud, iat: now - 600, exp: now - 300 })],
      ['lifetime over 5 min', await jwt({ aud, exp: now + 3600 })],
      ['unknown issuer', await jwt({ aud, iss: 'https://stranger.example' })],
    ];
    for (const [name, token] of cases) {
      const res = await call(PV, patientView(), token);
      expect(res.status, name).toBe(401);
      expect(res.headers.get('www-authenticate'), name).toContain('Bearer');
    }
    const once = await jwt({ aud });
    expect((await call(PV, patientView(), once)).status).toBe(200);
    expect((await call(PV, patientView(), once)).status).toBe(401);
    const refusals = await database.db.select().from(auditEvents).where(eq(auditEvents.subtype, 'cds-hook-call'));
    expect(refusals.some((e) => e.outcomeDescription?.includes('replay'))).toBe(true);
    const [stored] = await database.db.select().from(cdsClientTokens).where(eq(cdsClientTokens.issuer, EC_ISS)).limit(1);
    expect(stored?.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('accepts an RS384 token of an issuer registered by jwksUrl', async () => {
    const token = await jwt({ iss: RS_ISS, alg: 'RS384', kid: 'rs-1', key: rsKey, aud: `${base}/cds-services/${PV}` });
    await cardsOf(await call(PV, patientView(), token));
  });

  it('missing eGFR → 412 with an OperationOutcome naming it; malformed → 400 with a reason', async () => {
    const res = await call(PV, patientView(ehrPrefetch({ egfr: null })));
    expect(res.status).toBe(412);
    const outcome = (await res.json()) as { resourceType: string; issue: { code: string; diagnostics: string; expression?: string[] }[] };
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue[0]?.diagnostics).toContain('eGFR');
    expect(outcome.issue[0]?.expression).toEqual(['prefetch.egfr']);

    const noPrefetch = await call(PV, { ...patientView(), prefetch: { patient: ehrPrefetch().patient } });
    expect(noPrefetch.status).toBe(412);
    expect(JSON.stringify(await noPrefetch.json())).toContain('no fhirServer');

    const bad = await call(PV, { ...patientView(), hookInstance: 'not-a-uuid' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('hookInstance');
    expect((await call(PV, '{not json')).status).toBe(400);
    expect((await call(PV, { ...patientView(), hook: 'order-sign' })).status).toBe(400);
  });

  it('stores feedback (accepted, overridden with a reason) and refuses a reason the cards did not offer', async () => {
    const aud = `${base}/cds-services/${PV}/feedback`;
    const send = async (feedback: unknown[]) =>
      fetch(aud, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await jwt({ aud })}` }, body: JSON.stringify({ feedback }) });
    const card = randomUUID();
    const ok = await send([
      { card, outcome: 'accepted', acceptedSuggestions: [{ id: randomUUID() }], outcomeTimestamp: new Date().toISOString() },
      { card: randomUUID(), outcome: 'overridden', overrideReason: { reason: OVERRIDE_REASONS[0], userComment: 'prefers oral' }, outcomeTimestamp: new Date().toISOString() },
    ]);
    expect(ok.status).toBe(200);
    const rows = await database.db.select().from(cdsFeedback);
    expect(rows.map((r) => r.outcome).sort()).toEqual(['accepted', 'overridden']);
    expect(rows.find((r) => r.outcome === 'overridden')?.overrideReason?.code).toBe('patient-preference');

    const bad = await send([
      { card: randomUUID(), outcome: 'accepted', outcomeTimestamp: new Date().toISOString() },
      { card: randomUUID(), outcome: 'overridden', overrideReason: { reason: { system: 'urn:x', code: 'because' } }, outcomeTimestamp: new Date().toISOString() },
    ]);
    expect(bad.status).toBe(400);
    expect(await database.db.select().from(cdsFeedback)).toHaveLength(2);
    expect((await fetch(aud, { method: 'POST', body: '{}' })).status).toBe(401);
    const audited = await database.db.select().from(auditEvents).where(eq(auditEvents.subtype, 'cds-feedback'));
    expect(audited.length).toBeGreaterThanOrEqual(2);
  });
});
