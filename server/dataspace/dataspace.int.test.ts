import type { Bundle, OperationOutcome, Provenance } from '@medplum/fhirtypes';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_HEALTH_ID_SYSTEM } from '@/server/terminology/code-systems';
import { validateFhirR4 } from '@/server/fhir/testing/fhir-schema';
import { DspConsumer, DspRefusal, enrolConsumer, offersOf, type ConsumerTransfer } from './protocol/dsp-client';
import { catalogRequestMessage, contractRequestMessage, newPid } from './protocol/dsp-messages';
import type { DspCatalog, OdrlOffer } from './protocol/dsp-types';
import { validateDspMessage } from './protocol/dsp-validator';
import { generateParticipantKeyPair, importPrivateKey, publicJwks, type ParticipantKeyPair } from './protocol/participant-keys';
import { signParticipantToken } from './protocol/participant-token';
import { startDataspace, type Dataspace } from './testing/start-dataspace';
import { readAccessLog, recordConsent, withdrawConsent } from '@/server/consent/authority-consents';

const MARIE = '1958031500017';
const practitioner = { userId: 'sophie.reuter@alzette.example', role: 'endocrinologist', purpose: 'TREAT' };

let ds: Dataspace;
let key: ParticipantKeyPair;
let credential = '';
let consumer: DspConsumer;
let catalog: DspCatalog;
let treat: ConsumerTransfer;

function offerFor(c: DspCatalog, purpose: string): [OdrlOffer, string] {
  const found = offersOf(c).find((o) => o.offer['@id'].endsWith(`:${purpose}`));
  if (!found) throw new Error(`no ${purpose} offer in ${c['@id']}`);
  return [found.offer, found.datasetId];
}

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

beforeAll(async () => {
  ds = await startDataspace({ seedPatients: 60 });
  key = await generateParticipantKeyPair();
  credential = await enrolConsumer({ authorityUrl: ds.authorityUrl, operatorToken: ds.operatorToken, id: 'd4h-clinic', jwks: publicJwks(key) });
  consumer = new DspConsumer({ id: 'd4h-clinic', key, credential: () => credential }, 'http://127.0.0.1:9/callback');
}, 240_000);

afterAll(async () => {
  await ds?.stop();
});

describe('DSP flow: catalog → negotiation → agreement → transfer → FHIR', () => {
  it('serves a schema-valid catalog with HealthDCAT-AP metadata and purpose-constrained offers', async () => {
    catalog = await consumer.catalog('alzette-hospital', ds.participants['alzette-hospital'].url);
    expect(validateDspMessage('Catalog', catalog).valid).toBe(true);
    const dataset = catalog.dataset?.[0];
    expect(dataset?.['healthdcatap:numberOfUniqueIndividuals']).toBeGreaterThan(60);
    expect(dataset?.hasPolicy.map((o) => o['@id'].split(':').pop()).sort()).toEqual(['ETREAT', 'HRESCH', 'TREAT']);
    expect(dataset?.hasPolicy[0]?.prohibition?.length).toBeGreaterThan(0);
  });

  it('negotiates to FINALIZED with an agreement naming assigner, assignee and target', async () => {
    const n = await consumer.negotiate('alzette-hospital', ds.participants['alzette-hospital'].url, ...offerFor(catalog, 'TREAT'));
    expect(n.state).toBe('FINALIZED');
    expect(n.history.map((h) => h.to)).toEqual(['REQUESTED', 'AGREED', 'VERIFIED', 'FINALIZED']);
    expect(n.agreement).toMatchObject({ assigner: 'alzette-hospital', assignee: 'd4h-clinic', target: 'urn:d4h:dataset:alzette-hospital:ehr' });
    treat = await consumer.startTransfer('alzette-hospital', ds.participants['alzette-hospital'].url, n.agreement?.['@id'] ?? '');
    expect(treat.state).toBe('STARTED');
    expect(treat.tokenExpiresAt && treat.tokenExpiresAt.getTime() - Date.now()).toBeLessThanOrEqual(300_000);
  });

  it('answers a FHIR search with R4-valid resources, meta.source, provenance and consent status', async () => {
    const res = await consumer.fhir(treat, `/Observation?patient.identifier=${encodeURIComponent(`${NATIONAL_HEALTH_ID_SYSTEM}|${MARIE}`)}&code=${encodeURIComponent('http://loinc.org|59261-8')}&_sort=-date&_count=3`, practitioner);
    expect(res.status).toBe(200);
    const bundle = await json<Bundle>(res);
    expect(validateFhirR4(bundle)).toEqual([]);
    const matches = (bundle.entry ?? []).filter((e) => e.search?.mode === 'match');
    expect(matches).toHaveLength(3);
    for (const e of bundle.entry ?? []) expect(validateFhirR4(e.resource)).toEqual([]);
    for (const e of matches) expect(e.resource?.meta?.source).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fhir\/r4\/Observation\//);
    const provenance = bundle.entry?.find((e) => e.resource?.resourceType === 'Provenance')?.resource as Provenance;
    expect(provenance.policy?.[0]).toBe(treat.agreementId);
    const consent = bundle.entry?.find((e) => e.search?.mode === 'outcome')?.resource as OperationOutcome;
    expect(consent.issue[0]?.details?.coding?.[0]?.code).toBe('active');
    expect(bundle.link?.some((l) => l.relation === 'next')).toBe(true);
    // the validator is not a rubber stamp
    expect(validateFhirR4({ resourceType: 'Observation', status: 'nonsense' })).not.toEqual([]);
  });

  it('terminates a negotiation for an offer the policy does not give this consumer, with a reason', async () => {
    const research = await consumer.catalog('research-institute', ds.participants['research-institute'].url);
    const [offer, target] = offerFor(research, 'TREAT');
    const forged: OdrlOffer = { ...offer, permission: [{ action: 'use' }] };
    const n = await consumer.negotiate('research-institute', ds.participants['research-institute'].url, forged, target);
    expect(n.state).toBe('TERMINATED');
    expect(n.terminationReason).toMatch(/differs from the catalog offer/);
  });
});

describe('refusals', () => {
  const alzette = () => ds.participants['alzette-hospital'].url;
  const post = (url: string, token: string, body: unknown) => fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('refuses a forged token, a replayed jti and an expired token with 401 and a DSP error', async () => {
    const intruder = await generateParticipantKeyPair();
    const forged = await signParticipantToken({ participantId: 'd4h-clinic', key: intruder, credential, audience: 'alzette-hospital' });
    const r1 = await post(`${alzette()}/dsp/catalog/request`, forged, catalogRequestMessage());
    expect(r1.status).toBe(401);
    expect(validateDspMessage('CatalogError', await r1.json()).valid).toBe(true);

    const token = await signParticipantToken({ participantId: 'd4h-clinic', key, credential, audience: 'alzette-hospital' });
    expect((await post(`${alzette()}/dsp/catalog/request`, token, catalogRequestMessage())).status).toBe(200);
    const replay = await post(`${alzette()}/dsp/catalog/request`, token, catalogRequestMessage());
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { code: string }).code).toBe('replayed');

    const iat = Math.floor(Date.now() / 1000) - 400;
    const expired = await new SignJWT({ vc: credential })
      .setProtectedHeader({ alg: 'ES256', typ: 'participant+jwt', jwk: key.publicJwk })
      .setIssuer('d4h-clinic').setAudience('alzette-hospital').setIssuedAt(iat).setExpirationTime(iat + 120).setJti(newPid())
      .sign(await importPrivateKey(key));
    const r3 = await post(`${alzette()}/dsp/catalog/request`, expired, catalogRequestMessage());
    expect(r3.status).toBe(401);
    expect(((await r3.json()) as { code: string }).code).toBe('expired');
  });

  it('refuses a revoked participant at once', async () => {
    const otherKey = await generateParticipantKeyPair();
    const otherCredential = await enrolConsumer({ authorityUrl: ds.authorityUrl, operatorToken: ds.operatorToken, id: 'short-lived-lab', jwks: publicJwks(otherKey) }).catch((e: DspRefusal) => e);
    // A new participant needs a name, kind and roles: the authority says so.
    expect(otherCredential).toBeInstanceOf(DspRefusal);
    const res = await fetch(`${ds.authorityUrl}/registry/enrol`, { method: 'POST', headers: { authorization: `Bearer ${ds.operatorToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'short-lived-lab', legalName: 'Short-lived lab', kind: 'hospital', roles: ['hospital'], jwks: publicJwks(otherKey) }) });
    const cred = ((await res.json()) as { credential: string }).credential;
    const lab = new DspConsumer({ id: 'short-lived-lab', key: otherKey, credential: () => cred }, 'http://127.0.0.1:9/cb');
    await expect(lab.catalog('alzette-hospital', alzette())).resolves.toBeTruthy();
    const revoke = await fetch(`${ds.authorityUrl}/registry/participants/short-lived-lab/revoke`, { method: 'POST', headers: { authorization: `Bearer ${ds.operatorToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'test' }) });
    expect(revoke.status).toBe(200);
    const refused = await lab.catalog('alzette-hospital', alzette()).catch((e: DspRefusal) => e);
    expect(refused).toBeInstanceOf(DspRefusal);
    expect((refused as DspRefusal).status).toBe(401);
    expect(((refused as DspRefusal).body as { code: string }).code).toBe('revoked');
  });

  it('refuses a wrong purpose with 403 OperationOutcome', async () => {
    const res = await consumer.fhir(treat, `/Observation?patient.identifier=${MARIE}`, { ...practitioner, purpose: 'HRESCH' });
    expect(res.status).toBe(403);
    const body = await json<OperationOutcome>(res);
    expect(body.resourceType).toBe('OperationOutcome');
    expect(validateFhirR4(body)).toEqual([]);
  });

  it('answers malformed DSP and FHIR requests with 4xx and a reason, never 500', async () => {
    const token = () => signParticipantToken({ participantId: 'd4h-clinic', key, credential, audience: 'alzette-hospital' });
    const bad = await post(`${alzette()}/dsp/negotiations/request`, await token(), { '@type': 'ContractRequestMessage', offer: 'nope' });
    expect(bad.status).toBe(400);
    const err = await bad.json();
    expect(validateDspMessage('ContractNegotiationError', err).valid).toBe(true);
    const notJson = await fetch(`${alzette()}/dsp/negotiations/request`, { method: 'POST', headers: { authorization: `Bearer ${await token()}` }, body: '{{{' });
    expect(notJson.status).toBe(400);
    // verification of an unknown negotiation
    const unknown = await post(`${alzette()}/dsp/negotiations/urn:uuid:nope/agreement/verification`, await token(), { '@context': ['https://w3id.org/dspace/2025/1/context.jsonld'], '@type': 'ContractAgreementVerificationMessage', providerPid: 'urn:uuid:nope', consumerPid: 'urn:uuid:x' });
    expect(unknown.status).toBe(404);
    // a retried request message is idempotent: same providerPid, no second negotiation
    const [treatOffer, target] = offerFor(catalog, 'TREAT');
    const m = contractRequestMessage({ consumerPid: newPid(), offer: { ...treatOffer, target }, callbackAddress: 'http://127.0.0.1:9/cb' });
    const first = (await (await post(`${alzette()}/dsp/negotiations/request`, await token(), m)).json()) as { providerPid: string };
    const again = await post(`${alzette()}/dsp/negotiations/request`, await token(), m);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { providerPid: string }).providerPid).toBe(first.providerPid);

    for (const [query, status] of [
      ['/Observation?patient.identifier=1&colour=red', 400],
      ['/Observation?patient=az-demo1&date=gt2024-13-01', 400],
      ['/Observation?code=4548-4', 400],
      ['/Observation/does-not-exist', 404],
      ['/Spaceship?patient=x', 404],
    ] as const) {
      const res = await consumer.fhir(treat, query, practitioner);
      expect(res.status, query).toBe(status);
      expect(((await res.json()) as OperationOutcome).resourceType).toBe('OperationOutcome');
    }
    const noToken = await fetch(`${treat.endpoint}/Patient?identifier=${MARIE}`);
    expect(noToken.status).toBe(401);
  });
});

describe('consent at the source', () => {
  it('a withdrawal takes effect on the very next request, and re-granting restores access', async () => {
    const query = `/Observation?patient.identifier=${MARIE}&code=59261-8&_count=2`;
    const before = await json<Bundle>(await consumer.fhir(treat, query, practitioner));
    expect(before.entry?.filter((e) => e.search?.mode === 'match')).toHaveLength(2);
    const identity = { id: 'd4h-clinic', key, credential: () => credential };
    const rule = await recordConsent(identity, { url: ds.authorityUrl, id: 'ehealth-agency' }, { patient: MARIE }, { patient: MARIE, decision: 'deny', purpose: 'TREAT' });
    const after = await json<Bundle>(await consumer.fhir(treat, query, practitioner));
    expect(after.entry?.filter((e) => e.search?.mode === 'match')).toHaveLength(0);
    const status = (after.entry?.find((e) => e.search?.mode === 'outcome')?.resource as OperationOutcome).issue[0]?.details?.coding?.[0]?.code;
    expect(status).toBe('withdrawn');
    await withdrawConsent(identity, { url: ds.authorityUrl, id: 'ehealth-agency' }, { patient: MARIE }, rule.id);
    const restored = await json<Bundle>(await consumer.fhir(treat, query, practitioner));
    expect(restored.entry?.filter((e) => e.search?.mode === 'match')).toHaveLength(2);
    // every access reaches the patient's access log at the authority (forwarded from the provider's outbox about a second later)
    const logged = (events: Array<{ outcome: string; providerId: string }>) => events.some((e) => e.outcome === 'denied' && e.providerId === 'alzette-hospital') && events.some((e) => e.outcome === 'allowed');
    const deadline = Date.now() + 15_000;
    let log = { events: [] as Array<{ outcome: string; providerId: string }> };
    while (!logged(log.events) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      log = await readAccessLog(identity, { url: ds.authorityUrl, id: 'ehealth-agency' }, { patient: MARIE }, MARIE);
    }
    expect(log.events.some((e) => e.outcome === 'denied' && e.providerId === 'alzette-hospital')).toBe(true);
    expect(log.events.some((e) => e.outcome === 'allowed')).toBe(true);
  });
});

describe('secondary use', () => {
  it('answers cohort statistics under HRESCH only, with small cells suppressed', async () => {
    const n = await consumer.negotiate('alzette-hospital', ds.participants['alzette-hospital'].url, ...offerFor(catalog, 'HRESCH'));
    const t = await consumer.startTransfer('alzette-hospital', ds.participants['alzette-hospital'].url, n.agreement?.['@id'] ?? '');
    const research = { userId: 'analyst', role: 'oncologist', purpose: 'HRESCH' };
    expect((await consumer.fhir(t, `/Observation?patient.identifier=${MARIE}`, research)).status).toBe(403);
    const res = await consumer.fhir(t, '/$aggregate', research, { method: 'POST', body: { rows: 'sex', columns: 'ageBand' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { cells: Array<Array<number | string>>; total: number | string };
    const flat = body.cells.flat();
    expect(flat.some((c) => c === '<5')).toBe(true);
    expect(flat.every((c) => c === '<5' || c === 0 || (typeof c === 'number' && c >= 5))).toBe(true);
    const underTreat = await consumer.fhir(treat, '/$aggregate', practitioner, { method: 'POST', body: { rows: 'sex' } });
    expect(underTreat.status).toBe(403);
  });
});

describe('faults', () => {
  it('a provider killed with SIGKILL mid-request comes back with its data after a restart', async () => {
    const pending = consumer.fhir(treat, `/Observation?patient.identifier=${MARIE}&_count=50`, practitioner).then((r) => r.status, () => 'failed');
    await ds.kill('alzette-hospital');
    const outcome = await pending;
    expect([200, 'failed']).toContain(outcome);
    await expect(consumer.fhir(treat, `/Patient?identifier=${MARIE}`, practitioner)).rejects.toThrow();
    await ds.restart('alzette-hospital');
    // same key and database: the EDR still works and no data was duplicated
    const bundle = await json<Bundle>(await consumer.fhir(treat, `/Patient?identifier=${MARIE}`, practitioner));
    expect(bundle.entry?.filter((e) => e.search?.mode === 'match')).toHaveLength(1);
    expect(ds.logs()).toMatch(/already seeded/);
  });
});
