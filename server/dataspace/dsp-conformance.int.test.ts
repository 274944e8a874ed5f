import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DspConsumer, enrolConsumer, offersOf } from './protocol/dsp-client';
import * as msg from './protocol/dsp-messages';
import { validateDspMessage } from './protocol/dsp-validator';
import { generateParticipantKeyPair, publicJwks, type ParticipantKeyPair } from './protocol/participant-keys';
import { PURPOSE_INFO, type Purpose } from './protocol/purpose-of-use';
import { callParticipant, ParticipantCallError } from './protocol/participant-http';
import { startDataspace, type Dataspace } from './testing/start-dataspace';
import { NATIONAL_HEALTH_ID_SYSTEM } from '@/server/terminology/code-systems';

// The deviations from DSP 2025-1 an outside client found (issue 12), each checked against real provider
// processes over HTTP. Paragraphs: https://eclipse-dataspace-protocol-base.github.io/DataspaceProtocol/2025-1/
const PROVIDERS = ['alzette-hospital', 'moselle-clinic', 'research-institute'] as const;
const MARIE = '1958031500017';

let ds: Dataspace;
let key: ParticipantKeyPair;
let credential = '';
let consumer: DspConsumer;
const identity = () => ({ id: 'd4h-clinic', key, credential: () => credential });

async function refusal(call: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof ParticipantCallError) return { status: error.status, body: error.body };
    throw error;
  }
  throw new Error('the call was not refused');
}

beforeAll(async () => {
  ds = await startDataspace({ seedPatients: 40, env: { DIGITAL_TWIN_RECORDS: '200' } });
  key = await generateParticipantKeyPair();
  credential = await enrolConsumer({ authorityUrl: ds.authorityUrl, operatorToken: ds.operatorToken, id: 'd4h-clinic', jwks: publicJwks(key) });
  consumer = new DspConsumer(identity(), 'http://127.0.0.1:9/callback');
}, 240_000);

afterAll(async () => {
  await ds?.stop();
});

describe('DSP 2025-1 deviations found by an outside client', () => {
  // common.protocol.md §"Exposure of Versions": MUST, unversioned and unauthenticated.
  it('every provider answers /.well-known/dspace-version without authentication, with its DSP base path', async () => {
    for (const id of PROVIDERS) {
      const res = await fetch(`${ds.participants[id].url}/.well-known/dspace-version`);
      expect(res.status, id).toBe(200);
      const body: unknown = await res.json();
      expect(validateDspMessage('VersionResponse', body).errors, id).toEqual([]);
      expect(body).toMatchObject({ protocolVersions: [{ version: '2025-1', path: '/dsp', binding: 'HTTPS' }] });
    }
  });

  // catalog.protocol.md §"Data Service": endpointURL is where the connector's DSP endpoints live.
  it("names the DSP base as the catalog's DataService.endpointURL", async () => {
    for (const id of PROVIDERS) {
      const catalog = await consumer.catalog(id, ds.participants[id].url);
      expect(catalog.service?.map((s) => s.endpointURL), id).toEqual([`${ds.participants[id].url}/dsp`]);
    }
  });

  // catalog.binding.https.md §"Catalog Request Endpoint": an unsupported filter MUST be answered 400.
  it('refuses a catalog request with a filter expression (none is supported) with 400 and a CatalogError', async () => {
    const url = `${ds.participants['alzette-hospital'].url}/dsp/catalog/request`;
    const withFilter = { ...msg.catalogRequestMessage(), filter: [{ 'dct:title': 'Electronic health records (synthetic)' }] };
    const refused = await refusal(callParticipant(identity(), { url, audience: 'alzette-hospital', body: withFilter }));
    expect(refused.status).toBe(400);
    expect(validateDspMessage('CatalogError', refused.body).errors).toEqual([]);
    // An empty filter is no filter.
    expect(validateDspMessage('Catalog', await callParticipant(identity(), { url, audience: 'alzette-hospital', body: msg.catalogRequestMessage() })).valid).toBe(true);
  });

  // contract.negotiation.protocol.md §"Contract Negotiation States": ACCEPTED follows OFFERED only;
  // contract.negotiation.binding.https.md §"State Transition Errors": 400.
  it('answers ACCEPTED on a negotiation the consumer started with 400, and leaves it as it was', async () => {
    const url = ds.participants['alzette-hospital'].url;
    const found = offersOf(await consumer.catalog('alzette-hospital', url)).find((o) => o.offer['@id'].endsWith(':TREAT'));
    if (!found) throw new Error('no TREAT offer');
    const consumerPid = msg.newPid();
    const started = await callParticipant<{ providerPid: string; state: string }>(identity(), { url: `${url}/dsp/negotiations/request`, audience: 'alzette-hospital', body: msg.contractRequestMessage({ consumerPid, offer: { ...found.offer, target: found.datasetId }, callbackAddress: 'http://127.0.0.1:9/callback' }) });
    expect(started.state).toBe('AGREED');
    const base = `${url}/dsp/negotiations/${encodeURIComponent(started.providerPid)}`;
    const accepted = await refusal(callParticipant(identity(), { url: `${base}/events`, audience: 'alzette-hospital', body: msg.contractNegotiationEventMessage({ providerPid: started.providerPid, consumerPid, eventType: 'ACCEPTED' }) }));
    expect(accepted.status).toBe(400);
    expect(validateDspMessage('ContractNegotiationError', accepted.body).errors).toEqual([]);
    expect(await callParticipant<{ state: string }>(identity(), { url: base, audience: 'alzette-hospital' })).toMatchObject({ state: 'AGREED' });
  });

  // contract.negotiation.binding.https.md and transfer.process.binding.https.md §"Unauthorized Access":
  // "If the client is not authorized, the Consumer or Provider MUST return an HTTP 404 (Not Found)".
  // The catalog binding says nothing of the kind, so the catalog keeps 401.
  it('answers negotiation and transfer requests without a valid participant token with 404, the catalog with 401', async () => {
    const url = `${ds.participants['alzette-hospital'].url}/dsp`;
    const post = (path: string, body: unknown, token?: string) => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    const offer = { '@id': 'urn:d4h:offer:alzette-hospital:ehr:TREAT', '@type': 'Offer', target: 'urn:d4h:dataset:alzette-hospital:ehr', permission: [{ action: 'use' }] };
    const requests = [
      await post('/negotiations/request', msg.contractRequestMessage({ consumerPid: msg.newPid(), offer: offer as never, callbackAddress: 'http://127.0.0.1:9' })),
      await post('/negotiations/request', msg.contractRequestMessage({ consumerPid: msg.newPid(), offer: offer as never, callbackAddress: 'http://127.0.0.1:9' }), 'forged.token.value'),
      await fetch(`${url}/negotiations/urn:uuid:00000000-0000-4000-8000-000000000000`),
      await post('/transfers/request', msg.transferRequestMessage({ consumerPid: msg.newPid(), agreementId: 'urn:uuid:x', callbackAddress: 'http://127.0.0.1:9' })),
      await fetch(`${url}/transfers/urn:uuid:00000000-0000-4000-8000-000000000000`),
    ];
    expect(requests.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    expect(validateDspMessage('ContractNegotiationError', await requests[0]?.json()).errors).toEqual([]);
    expect(validateDspMessage('TransferError', await requests[3]?.json()).errors).toEqual([]);
    expect((await post('/catalog/request', msg.catalogRequestMessage())).status).toBe(401);
  });

  // A catalog offers only what its data plane serves: every offer in every catalog, agreed and
  // transferred, gets data (records for care, an aggregate for secondary use), never a 403.
  it('serves every offer of every catalog through its data plane', async () => {
    const served: string[] = [];
    for (const id of PROVIDERS) {
      const url = ds.participants[id].url;
      for (const { offer, datasetId } of offersOf(await consumer.catalog(id, url))) {
        const purpose = offer['@id'].split(':').pop() as Purpose;
        const n = await consumer.negotiate(id, url, offer, datasetId);
        expect(n.state, offer['@id']).toBe('FINALIZED');
        const transfer = await consumer.startTransfer(id, url, n.agreement?.['@id'] ?? '');
        const practitioner = { userId: 'sophie.reuter@alzette.example', role: 'endocrinologist', purpose, ...(purpose === 'ETREAT' ? { breakGlassReason: 'unconscious patient in the emergency room' } : {}) };
        const res = PURPOSE_INFO[purpose].secondaryUse
          ? await consumer.fhir(transfer, '/$aggregate', practitioner, { method: 'POST', body: { rows: 'sex' } })
          : await consumer.fhir(transfer, `/Observation?patient.identifier=${encodeURIComponent(`${NATIONAL_HEALTH_ID_SYSTEM}|${MARIE}`)}&_count=1`, practitioner);
        expect(res.status, `${offer['@id']}: ${await res.clone().text()}`).toBe(200);
        served.push(offer['@id']);
      }
    }
    expect(served.length).toBeGreaterThan(5);
  }, 120_000);
});
