import type { Bundle, OperationOutcome, Provenance, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFhirR4 } from '@/server/fhir/testing/fhir-schema';
import { NATIONAL_HEALTH_ID_SYSTEM } from '@/server/synthetic/demo-people';
import { DspConsumer, enrolConsumer, offersOf, type ConsumerTransfer } from './protocol/dsp-client';
import { generateParticipantKeyPair, publicJwks, type ParticipantKeyPair } from './protocol/participant-keys';
import type { ParticipantIdentity } from './protocol/participant-http';
import { startDataspace, type Dataspace } from './testing/start-dataspace';
import { readAccessLog, recordConsent, withdrawConsent } from '@/server/consent/authority-consents';

// The record read of the consumer: a FHIR batch of searches, one consent decision and one audit event per patient.
const MARIE = '1958031500017';
const token = encodeURIComponent(`${NATIONAL_HEALTH_ID_SYSTEM}|${MARIE}`);
const practitioner = { userId: 'sophie.reuter@alzette.example', role: 'endocrinologist', purpose: 'TREAT' };

let ds: Dataspace;
let key: ParticipantKeyPair;
let credential = '';
let identity: ParticipantIdentity;
let consumer: DspConsumer;
let treat: ConsumerTransfer;

const batchOf = (...urls: string[]) => ({ resourceType: 'Bundle', type: 'batch', entry: urls.map((url) => ({ request: { method: 'GET', url } })) });
const RECORD = batchOf(`Patient?identifier=${token}`, `Observation?patient.identifier=${token}&_sort=-date&_count=200`, `Condition?patient.identifier=${token}&_count=200`);

async function batch(body: unknown): Promise<{ status: number; body: Bundle }> {
  const res = await consumer.fhir(treat, '', practitioner, { method: 'POST', body });
  return { status: res.status, body: (await res.json()) as Bundle };
}

const searchsets = (b: Bundle) => (b.entry ?? []).map((e) => e.resource as Bundle);
const matches = (b: Bundle) => searchsets(b).flatMap((s) => (s.entry ?? []).filter((e) => e.search?.mode === 'match').map((e) => e.resource as Resource));
const consentCodes = (b: Bundle) =>
  searchsets(b).flatMap((s) => (s.entry ?? []).filter((e) => e.search?.mode === 'outcome').flatMap((e) => (e.resource as OperationOutcome).issue.map((i) => i.details?.coding?.[0]?.code)));

async function accessEvents(): Promise<Array<{ auditEventId: string; outcome: string; providerId: string }>> {
  return (await readAccessLog(identity, { url: ds.authorityUrl, id: 'ehealth-agency' }, { patient: MARIE }, MARIE)).events;
}

/** The authority's index once the provider's background forwarder has nothing left in flight (unchanged for 500 ms). */
async function settledEvents() {
  let last = await accessEvents();
  for (let i = 0; i < 20; i += 1) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await accessEvents();
    if (now.length === last.length) return now;
    last = now;
  }
  return last;
}

beforeAll(async () => {
  // Forwarded every 100 ms, so settledEvents' 500 ms of quiet means the forwarder has sent everything.
  ds = await startDataspace({ seedPatients: 60, env: { ACCESS_EVENT_FORWARD_DELAY_MS: '100' } });
  key = await generateParticipantKeyPair();
  credential = await enrolConsumer({ authorityUrl: ds.authorityUrl, operatorToken: ds.operatorToken, id: 'd4h-clinic', jwks: publicJwks(key) });
  identity = { id: 'd4h-clinic', key, credential: () => credential };
  consumer = new DspConsumer(identity, 'http://127.0.0.1:9/callback');
  const url = ds.participants['alzette-hospital'].url;
  const catalog = await consumer.catalog('alzette-hospital', url);
  const offer = offersOf(catalog).find((o) => o.offer['@id'].endsWith(':TREAT'));
  if (!offer) throw new Error('no TREAT offer');
  const n = await consumer.negotiate('alzette-hospital', url, offer.offer, offer.datasetId);
  treat = await consumer.startTransfer('alzette-hospital', url, n.agreement?.['@id'] ?? '');
}, 240_000);

afterAll(async () => {
  await ds?.stop();
});

describe('FHIR batch of searches (POST [base])', () => {
  it('answers an R4-valid batch-response: one searchset per entry, meta.source, provenance and consent status in each', async () => {
    const { status, body } = await batch(RECORD);
    expect(status).toBe(200);
    expect(body).toMatchObject({ resourceType: 'Bundle', type: 'batch-response' });
    expect(validateFhirR4(body)).toEqual([]);
    expect(body.entry?.map((e) => e.response?.status)).toEqual(['200 OK', '200 OK', '200 OK']);
    for (const set of searchsets(body)) {
      expect(validateFhirR4(set)).toEqual([]);
      expect(set.type).toBe('searchset');
      const provenance = set.entry?.find((e) => e.resource?.resourceType === 'Provenance')?.resource as Provenance;
      expect(validateFhirR4(provenance)).toEqual([]);
      expect(provenance.policy?.[0]).toBe(treat.agreementId);
    }
    const resources = matches(body);
    expect(resources.map((r) => r.resourceType)).toEqual(expect.arrayContaining(['Patient', 'Observation', 'Condition']));
    for (const r of resources) {
      expect(validateFhirR4(r), `${r.resourceType}/${r.id}`).toEqual([]);
      expect(r.meta?.source).toBe(`${treat.endpoint}/${r.resourceType}/${r.id}`);
    }
    expect(new Set(consentCodes(body))).toEqual(new Set(['active']));
    // Each entry is the same searchset its GET would give.
    const single = (await (await consumer.fhir(treat, `/Observation?patient.identifier=${token}&_sort=-date&_count=200`, practitioner)).json()) as Bundle;
    expect(searchsets(body)[1]?.entry?.filter((e) => e.search?.mode === 'match').map((e) => e.resource?.id)).toEqual(single.entry?.filter((e) => e.search?.mode === 'match').map((e) => e.resource?.id));
  });

  it('makes one consent decision and writes one audit event for the whole batch, indexed at the authority', async () => {
    const before = await settledEvents();
    const { status } = await batch(RECORD);
    expect(status).toBe(200);
    const after = await settledEvents();
    expect(after.length).toBe(before.length + 1);
    expect(after.find((e) => !before.some((b) => b.auditEventId === e.auditEventId))).toMatchObject({ providerId: 'alzette-hospital', outcome: 'allowed' });
  });

  it('a withdrawal takes effect on the very next batch, in every entry; re-granting restores it', async () => {
    const rule = await recordConsent(identity, { url: ds.authorityUrl, id: 'ehealth-agency' }, { patient: MARIE }, { patient: MARIE, decision: 'deny', purpose: 'TREAT' });
    const denied = await batch(RECORD);
    expect(denied.status).toBe(200);
    expect(matches(denied.body)).toHaveLength(0);
    expect(consentCodes(denied.body)).toContain('withdrawn');
    expect(JSON.stringify(denied.body)).not.toContain('"Observation/');
    await withdrawConsent(identity, { url: ds.authorityUrl, id: 'ehealth-agency' }, { patient: MARIE }, rule.id);
    const restored = await batch(RECORD);
    expect(matches(restored.body).length).toBeGreaterThan(0);
    const events = await settledEvents();
    expect(events.some((e) => e.outcome === 'denied')).toBe(true);
  });

  it('answers a bad entry with its own 400/404 OperationOutcome and still runs the others', async () => {
    const { status, body } = await batch(batchOf(`Observation?patient.identifier=${token}&colour=red`, `Spaceship?patient=x`, `Observation/abc`, `Condition?patient.identifier=${token}`, `Observation?code=4548-4`));
    expect(status).toBe(200);
    expect(validateFhirR4(body)).toEqual([]);
    expect(body.entry?.map((e) => e.response?.status.slice(0, 3))).toEqual(['400', '404', '400', '200', '400']);
    expect(body.entry?.[0]?.response?.outcome).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid' }] });
    expect(body.entry?.[0]?.response?.outcome?.issue[0]?.diagnostics).toContain('colour');
    for (const e of body.entry ?? []) if (e.response?.outcome) expect(validateFhirR4(e.response.outcome)).toEqual([]);
  });

  it('refuses what is not a read-only batch with 400 OperationOutcome, and a call without token with 401', async () => {
    for (const bad of [
      null,
      { resourceType: 'Patient' },
      { ...batchOf(`Patient?identifier=${token}`), type: 'transaction' },
      { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'DELETE', url: 'Patient/x' } }] },
      { resourceType: 'Bundle', type: 'batch', entry: [] },
      batchOf(...Array.from({ length: 21 }, () => `Patient?identifier=${token}`)),
    ]) {
      const { status, body } = await batch(bad);
      expect(status, JSON.stringify(bad).slice(0, 80)).toBe(400);
      expect((body as unknown as OperationOutcome).resourceType).toBe('OperationOutcome');
      expect(validateFhirR4(body)).toEqual([]);
    }
    const anonymous = await fetch(treat.endpoint ?? '', { method: 'POST', headers: { 'content-type': 'application/fhir+json' }, body: JSON.stringify(RECORD) });
    expect(anonymous.status).toBe(401);
  });
});
