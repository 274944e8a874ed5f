import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTICIPANT_MIGRATIONS } from '@/db/participant/migrations-folder';
import { providerAuditEvent } from '@/db/participant/schema/provider-audit';
import { transferProcess } from '@/db/participant/schema/transfer';
import type { OpenDatabase } from '@/db/client';
import { openTestDatabase } from '@/db/test-databases';
import { AUTHORITY_ID } from '@/server/dataspace/participants';
import { enrolConsumer } from '@/server/dataspace/protocol/dsp-client';
import { signEdrToken } from '@/server/dataspace/protocol/edr-token';
import { callParticipant, type ParticipantIdentity } from '@/server/dataspace/protocol/participant-http';
import { generateParticipantKeyPair, publicJwks, type ParticipantKeyPair } from '@/server/dataspace/protocol/participant-keys';
import { PRACTITIONER_ASSERTION_HEADER, signPractitionerAssertion } from '@/server/dataspace/protocol/practitioner-assertion';
import { ConsentDecisionCache } from '@/server/dataspace/provider/consent-decision-cache';
import { EHR_DATASET } from '@/server/dataspace/provider/datasets';
import { AuthorityClient } from '@/server/dataspace/runtime/authority-client';
import { startDataspace, type Dataspace } from '@/server/dataspace/testing/start-dataspace';
import { insertResources } from '@/server/fhir/resource-store';
import { NATIONAL_HEALTH_ID_SYSTEM } from '@/server/synthetic/demo-people';
import { recordsAt } from '@/server/synthetic/ehr/population';
import type { AccessAuditor } from './access-audit';
import { UNGATED_ROUTES } from './data-plane-app';
import { openDataPlane } from './open-data-plane';

// Every route of the data plane, called as a consumer would with a valid EDR and practitioner assertion,
// about a patient whose consent denies the purpose: each answer is a refusal or holds none of her
// records, and each call leaves an access-audit event at the provider. The provider runs in this
// process (its database is read directly for the audit events) against the real authority process, which
// decides consent over HTTP; its transfer process is written as STARTED, as the DSP flow leaves it.
//
// A route added to data-plane-app.ts without going through the gate makes this test fail: the route list
// comes from the app itself (Hono's app.routes), so a new route without a sample request below fails
// "has a sample request", and one that answers without passing ConsentGate.pass writes no audit event.

const PROVIDER = 'gate-test-hospital';
const CONSUMER = 'd4h-clinic';
const MARIE = '1958031500017';
const token = encodeURIComponent(`${NATIONAL_HEALTH_ID_SYSTEM}|${MARIE}`);

let ds: Dataspace;
let database: OpenDatabase;
let app: Hono;
let auditor: AccessAuditor;
let providerKey: ParticipantKeyPair;
let consumerKey: ParticipantKeyPair;
let consumer: ParticipantIdentity;
let marieIds: string[] = [];
let marieObservation = '';

/** One request per registered route (method and Hono path): what a consumer would send to it about Marie. */
const SAMPLES: Record<string, () => { path: string; body?: unknown }> = {
  'GET /:type/:id': () => ({ path: `/Observation/${marieObservation}` }),
  'GET /:type': () => ({ path: `/Observation?patient.identifier=${token}&_count=200` }),
  'POST /': () => ({ path: '/', body: { resourceType: 'Bundle', type: 'batch', entry: [`Patient?identifier=${token}`, `Observation?patient.identifier=${token}`, `Condition?patient.identifier=${token}`].map((url) => ({ request: { method: 'GET', url } })) } }),
  'POST /$aggregate': () => ({ path: '/$aggregate', body: { rows: 'sex', columns: 'ageBand' } }),
};

/** The data plane's own routes, middleware (`app.use('*')`, listed as ALL /*) and the ungated ones left out. */
const gatedRoutes = () =>
  app.routes.filter((r) => !(r.method === 'ALL' && r.path === '/*') && !UNGATED_ROUTES.some((u) => u.method === r.method && u.path === r.path)).map((r) => `${r.method} ${r.path}`);

async function headers(purpose: string, transferId: string): Promise<Record<string, string>> {
  const { token: edr } = await signEdrToken({ key: providerKey, provider: PROVIDER, consumer: CONSUMER, agreementId: `agreement-${purpose}`, transferId, datasetId: EHR_DATASET.key, purpose, consumerJkt: consumerKey.kid });
  const assertion = await signPractitionerAssertion({ key: consumerKey, consumerId: CONSUMER, audience: PROVIDER, userId: 'sophie.reuter@alzette.example', role: 'endocrinologist', organisation: CONSUMER, purpose });
  return { authorization: `Bearer ${edr}`, [PRACTITIONER_ASSERTION_HEADER]: assertion, 'content-type': 'application/fhir+json' };
}

const auditCount = async () => (await database.db.select({ id: providerAuditEvent.id }).from(providerAuditEvent)).length;

beforeAll(async () => {
  ds = await startDataspace({ providers: [] });
  [providerKey, consumerKey] = await Promise.all([generateParticipantKeyPair(), generateParticipantKeyPair()]);
  const consumerCredential = await enrolConsumer({ authorityUrl: ds.authorityUrl, operatorToken: ds.operatorToken, id: CONSUMER, jwks: publicJwks(consumerKey) });
  consumer = { id: CONSUMER, key: consumerKey, credential: () => consumerCredential };
  // The provider under test enrols as a hospital, as a new one would with the onboarding CLI.
  const enrolled = await fetch(`${ds.authorityUrl}/registry/enrol`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ds.operatorToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: PROVIDER, legalName: 'Gate test hospital', kind: 'hospital', roles: ['hospital'], jwks: publicJwks(providerKey) }),
  });
  const { credential } = (await enrolled.json()) as { credential: string };
  database = await openTestDatabase('pglite', PARTICIPANT_MIGRATIONS);
  const records = [...recordsAt('alzette-hospital', 3)].flatMap((r) => r.resources);
  await insertResources(database.db, records);
  marieIds = records.filter((r) => r.nationalId === MARIE).map((r) => r.resource.id);
  marieObservation = records.find((r) => r.nationalId === MARIE && r.resource.resourceType === 'Observation')?.resource.id ?? '';
  for (const purpose of ['TREAT', 'HRESCH']) {
    await database.db.insert(transferProcess).values({ pid: `transfer-${purpose}`, role: 'provider', providerPid: `transfer-${purpose}`, consumerPid: `c-${purpose}`, counterpartyId: CONSUMER, agreementId: `agreement-${purpose}`, format: 'FHIR_R4-PULL', state: 'STARTED' });
    // Marie says no to this purpose, at the authority (her consent registry).
    await callParticipant(consumer, { url: `${ds.authorityUrl}/consents`, audience: AUTHORITY_ID, body: { patient: MARIE, decision: 'deny', purpose, recordedBy: 'marie.schmit@example.lu' } });
  }
  const authority = new AuthorityClient(ds.authorityUrl, AUTHORITY_ID, { id: PROVIDER, key: providerKey, credential: () => credential });
  const dataPlane = openDataPlane({ id: PROVIDER, baseUrl: 'http://127.0.0.1:9', db: database.db, key: providerKey, authority, decisions: new ConsentDecisionCache(), datasets: [EHR_DATASET], forwardDelayMs: 600_000 });
  app = dataPlane.app;
  auditor = dataPlane.auditor;
}, 240_000);

afterAll(async () => {
  auditor?.stop();
  await database?.close();
  await ds?.stop();
});

describe('every data-plane route passes the consent gate', () => {
  it('has the routes this test knows, each with a sample request', () => {
    expect(marieIds.length).toBeGreaterThan(5);
    expect(gatedRoutes().length).toBeGreaterThan(0);
    for (const route of gatedRoutes()) expect(Object.keys(SAMPLES), `route ${route} has a sample request: add one, and make the route pass the gate`).toContain(route);
  });

  for (const purpose of ['TREAT', 'HRESCH']) {
    it(`answers every route under ${purpose} with a refusal or none of the denied patient's records, and audits each call`, async () => {
      for (const route of gatedRoutes()) {
        const sample = SAMPLES[route]?.();
        if (!sample) throw new Error(`no sample for ${route}`);
        const before = await auditCount();
        const response = await app.request(sample.path, { method: route.split(' ')[0], headers: await headers(purpose, `transfer-${purpose}`), ...(sample.body ? { body: JSON.stringify(sample.body) } : {}) });
        const text = await response.text();
        expect([200, 403, 404], `${route} ${purpose}: ${text.slice(0, 200)}`).toContain(response.status);
        for (const id of marieIds) expect(text, `${route} ${purpose} returned ${id}`).not.toContain(`"id":"${id}"`);
        expect(await auditCount(), `${route} ${purpose} wrote no access-audit event`).toBeGreaterThan(before);
      }
    });
  }

  it('still serves the records of a consenting patient through the same routes (the refusals above are consent, not breakage)', async () => {
    const response = await app.request(`/Observation?patient.identifier=${encodeURIComponent(`${NATIONAL_HEALTH_ID_SYSTEM}|1951110200024`)}`, { headers: await headers('TREAT', 'transfer-TREAT') });
    expect(response.status).toBe(200);
    const bundle = (await response.json()) as { entry?: Array<{ search?: { mode?: string } }> };
    expect(bundle.entry?.filter((e) => e.search?.mode === 'match').length).toBeGreaterThan(0);
  });
});
