import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@/db/client';
import { dataspaceAgreement, dataspaceNegotiation, dataspaceNegotiationEvent, dataspaceTransfer } from '@/db/app/schema/dataspace';
import { openTestDatabase } from '@/db/test-databases';
import { signParticipantToken } from '@/server/dataspace/protocol/participant-token';
import { startDataspace, type Dataspace } from '@/server/dataspace/testing/start-dataspace';
import { testConsumerSettings } from '@/server/dataspace/testing/consumer-settings';
import { DataspaceConsumer } from './dataspace-consumer';
import { receiveProviderCallback } from './callback-inbox';
import { receiveContractOffer } from './offer-inbox';

// A negotiation the provider starts (DSP ContractOfferMessage): OFFERED and ACCEPTED on both sides,
// between real provider processes and the web app's consumer, whose offer endpoint is served here over
// HTTP exactly as the Next.js route serves it.
let ds: Dataspace;
let database: OpenDatabase;
let consumer: DataspaceConsumer;
let inbox: ServerType;
const callbacks: Array<{ path: string; status: number }> = [];

const offer = (provider: 'alzette-hospital' | 'research-institute', body: unknown, token = ds.operatorToken) =>
  fetch(`${ds.participants[provider].url}/offers`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The web app's record of the negotiation with this providerPid, once it has left OFFERED (or after 15 s). */
async function settled(providerPid: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const [row] = await database.db.select().from(dataspaceNegotiation).where(eq(dataspaceNegotiation.providerPid, providerPid));
    if ((row && row.state !== 'OFFERED') || Date.now() > deadline) {
      const events = row ? await database.db.select().from(dataspaceNegotiationEvent).where(eq(dataspaceNegotiationEvent.negotiationId, row.id)).orderBy(asc(dataspaceNegotiationEvent.seq)) : [];
      return { row, states: events.map((e) => e.toState) };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function providerHistory(providerPid: string, provider: 'alzette-hospital' | 'research-institute' = 'alzette-hospital'): Promise<{ state: string; history: string[]; terminationReason?: string | null } | undefined> {
  const identity = await consumer.identity.current();
  const token = await signParticipantToken({ participantId: identity.id, key: identity.key, credential: identity.credential(), audience: provider });
  const res = await fetch(`${ds.participants[provider].url}/contracts/negotiations?limit=500`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { negotiations: Array<{ providerPid: string; state: string; terminationReason?: string | null; history: Array<{ to: string }> }> };
  const n = body.negotiations.find((x) => x.providerPid === providerPid);
  return n && { state: n.state, history: n.history.map((h) => h.to), terminationReason: n.terminationReason };
}

beforeAll(async () => {
  [ds, database] = await Promise.all([startDataspace({ seedPatients: 60 }), openTestDatabase('pglite', path.resolve('db/app/migrations'))]);
  let handle: (request: Request) => Promise<Response> = async () => new Response(null, { status: 503 });
  inbox = serve({ fetch: (request) => (request.method === 'POST' ? handle(request) : new Response(null, { status: 404 })), port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => inbox.once('listening', r));
  const port = (inbox.address() as AddressInfo).port;
  consumer = new DataspaceConsumer(database.db, testConsumerSettings(ds, { callbackAddress: `http://127.0.0.1:${port}` }));
  // The web app's DSP address, routed as app/api/dsp/callback/… routes it; callback answers are kept.
  handle = async (request) => {
    const path = new URL(request.url).pathname;
    if (path === '/negotiations/offers') return receiveContractOffer(consumer, request);
    const [, process, consumerPid, message] = path.split('/');
    if ((process !== 'negotiations' && process !== 'transfers') || !consumerPid || !message) return new Response(null, { status: 404 });
    const answer = await receiveProviderCallback(consumer, request, { process, consumerPid: decodeURIComponent(consumerPid), message });
    callbacks.push({ path, status: answer.status });
    return answer;
  };
  await consumer.identity.current(); // enrols, with its DSP address
}, 240_000);

afterAll(async () => {
  await new Promise((r) => inbox?.close(r));
  await database?.close();
  await ds?.stop();
});

describe('a negotiation the provider starts', () => {
  it('goes OFFERED → ACCEPTED → AGREED → VERIFIED → FINALIZED on both sides, and the app then uses its agreement', async () => {
    const res = await offer('alzette-hospital', { consumer: 'd4h-clinic', dataset: 'ehr', purpose: 'HRESCH' });
    expect(res.status).toBe(201);
    const started = (await res.json()) as { providerPid: string; consumerPid: string; state: string };
    expect(started.state).toBe('OFFERED');
    const { row, states } = await settled(started.providerPid);
    expect(row?.consumerPid).toBe(started.consumerPid);
    expect(states).toEqual(['OFFERED', 'ACCEPTED', 'AGREED', 'VERIFIED', 'FINALIZED']);
    expect((await providerHistory(started.providerPid))?.history).toEqual(['OFFERED', 'ACCEPTED', 'AGREED', 'VERIFIED', 'FINALIZED']);
    const [agreement] = await database.db.select().from(dataspaceAgreement).where(eq(dataspaceAgreement.negotiationId, row?.id ?? ''));
    expect(agreement).toMatchObject({ providerId: 'alzette-hospital', purpose: 'HRESCH', assignee: 'd4h-clinic', assigner: 'alzette-hospital' });
    // The first research read uses the agreement the provider offered: no negotiation of its own.
    const before = (await database.db.select().from(dataspaceNegotiation)).length;
    const live = await consumer.contracts.ensure('alzette-hospital', ds.participants['alzette-hospital'].url, 'HRESCH');
    expect(live.transfer.agreementId).toBe(agreement?.id);
    expect((await database.db.select().from(dataspaceNegotiation)).length).toBe(before);
  });

  it('is declined, with the reason on both sides, when the app does not use data for the purpose', async () => {
    const res = await offer('research-institute', { consumer: 'd4h-clinic', dataset: 'digital-twins', purpose: 'MLTRAIN' });
    expect(res.status).toBe(201);
    const { providerPid } = (await res.json()) as { providerPid: string };
    const { row, states } = await settled(providerPid);
    expect(states).toEqual(['OFFERED', 'TERMINATED']);
    expect(row?.terminationReason).toContain('MLTRAIN');
    const provider = await providerHistory(providerPid, 'research-institute');
    expect(provider).toMatchObject({ state: 'TERMINATED', history: ['OFFERED', 'TERMINATED'] });
  });

  it('is refused before anything is sent or stored: no operator token, an offer the policy does not make, an unknown consumer', async () => {
    const negotiations = (await database.db.select().from(dataspaceNegotiation)).length;
    expect((await offer('alzette-hospital', { consumer: 'd4h-clinic', dataset: 'ehr', purpose: 'TREAT' }, 'wrong-token-wrong-token')).status).toBe(401);
    const notOffered = await offer('research-institute', { consumer: 'd4h-clinic', dataset: 'genomics', purpose: 'MLTRAIN' });
    expect(notOffered.status).toBe(400);
    expect(JSON.stringify(await notOffered.json())).toContain('does not offer');
    expect((await offer('alzette-hospital', { consumer: 'nobody-here', dataset: 'ehr', purpose: 'TREAT' })).status).toBe(400);
    expect((await offer('alzette-hospital', { consumer: 'd4h-clinic', dataset: 'ehr', purpose: 'TREAT', extra: 1 })).status).toBe(400);
    expect((await database.db.select().from(dataspaceNegotiation)).length).toBe(negotiations);
  });

  it('the app\'s offer endpoint refuses a call without a participant token and a malformed message', async () => {
    const url = `http://127.0.0.1:${(inbox.address() as AddressInfo).port}/negotiations/offers`;
    // contract.negotiation.binding.https.md, "Unauthorized Access": 404.
    expect((await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(404);
    const { signParticipantToken: sign } = await import('@/server/dataspace/protocol/participant-token');
    const identity = await consumer.identity.current();
    const token = await sign({ participantId: identity.id, key: identity.key, credential: identity.credential(), audience: 'd4h-clinic' });
    // Signed, but by a participant that is not a provider (the web app itself): refused like no token.
    const bad = await fetch(url, { method: 'POST', body: JSON.stringify({ '@type': 'ContractOfferMessage' }), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
    expect(bad.status).toBe(404);
  });

  it("takes the provider's signed callbacks and refuses unsigned ones or another participant's", async () => {
    callbacks.length = 0;
    const live = await consumer.contracts.ensure('moselle-clinic', ds.participants['moselle-clinic'].url, 'TREAT');
    // The provider sends the agreement and FINALIZED for the negotiation, then the transfer start, each
    // signed; one that overtakes the app's own record of the process (404) is sent again until taken.
    const taken = () => [...new Set(callbacks.filter((c) => c.status === 200).map((c) => `${c.path.split('/')[1]}/${c.path.split('/')[3]}`))].sort();
    const deadline = Date.now() + 10_000;
    while (taken().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(taken()).toEqual(['negotiations/agreement', 'negotiations/events', 'transfers/start']);
    const base = `http://127.0.0.1:${(inbox.address() as AddressInfo).port}/transfers/${encodeURIComponent(live.transfer.consumerPid)}/termination`;
    const termination = { '@context': ['https://w3id.org/dspace/2025/1/context.jsonld'], '@type': 'TransferTerminationMessage', providerPid: live.transfer.providerPid, consumerPid: live.transfer.consumerPid, code: 'forged' };
    const post = (headers: Record<string, string>) => fetch(base, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(termination) });
    expect((await post({})).status).toBe(404);
    // Validly signed, but by a participant that is not this transfer's provider.
    const identity = await consumer.identity.current();
    const notTheProvider = await signParticipantToken({ participantId: identity.id, key: identity.key, credential: identity.credential(), audience: 'd4h-clinic' });
    expect((await post({ authorization: `Bearer ${notTheProvider}` })).status).toBe(404);
    const [transfer] = await database.db.select().from(dataspaceTransfer).where(eq(dataspaceTransfer.consumerPid, live.transfer.consumerPid));
    expect(transfer?.state).toBe('STARTED');
  });
});
