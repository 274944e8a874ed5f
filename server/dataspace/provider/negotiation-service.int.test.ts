import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@/db/client';
import { PARTICIPANT_MIGRATIONS } from '@/db/participant/migrations-folder';
import { negotiationHistory } from '@/db/participant/schema/negotiation';
import { openTestDatabase, testDatabaseKinds } from '@/db/test-databases';
import { newPid } from '@/server/dataspace/protocol/dsp-messages';
import type { OdrlOffer } from '@/server/dataspace/protocol/dsp-types';
import { applyConsumerEvent, applyProviderEvent, ContractNegotiationFailure, handleContractRequest, handleCounterRequest, type RequestCheck } from './negotiation-service';

// The steps a provider takes on its own in a contract negotiation (DSP 2025-1 contract.negotiation.protocol.md,
// "Contract Negotiation States"), on the real participant schema: counter-offer, counter-request,
// agreement after an accepted offer, termination; and what the state machine refuses, with nothing written.
const PROVIDER = 'alzette-hospital';
const CONSUMER = 'd4h-clinic';
const offer: OdrlOffer = { '@id': 'urn:d4h:offer:alzette-hospital:ehr:HRESCH', '@type': 'Offer', target: 'urn:d4h:dataset:alzette-hospital:ehr', permission: [{ action: 'use' }] };
const check: RequestCheck = { offer, datasetId: 'urn:d4h:dataset:alzette-hospital:ehr', purpose: 'HRESCH' };

describe.each(testDatabaseKinds())('provider-initiated negotiation steps (%s)', (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind, PARTICIPANT_MIGRATIONS);
  });
  afterAll(async () => {
    await database?.close();
  });

  const held = async () => {
    const consumerPid = newPid();
    const { row } = await handleContractRequest(database.db, { provider: PROVIDER, consumer: CONSUMER, consumerPid, offer, callbackAddress: 'http://127.0.0.1:9', check, hold: true });
    return row;
  };
  const history = async (pid: string) => (await database.db.select().from(negotiationHistory).where(eq(negotiationHistory.pid, pid)).orderBy(asc(negotiationHistory.at))).map((h) => `${h.event}:${h.toState}`);
  const refusedWith = async (call: Promise<unknown>) => {
    const error = await call.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ContractNegotiationFailure);
    return (error as ContractNegotiationFailure).status;
  };

  it('holds an acceptable request in REQUESTED, counter-offers it, and agrees once the consumer accepts', async () => {
    const requested = await held();
    expect(requested.state).toBe('REQUESTED');
    expect((await applyProviderEvent(database.db, { providerPid: requested.providerPid, event: 'offer', provider: PROVIDER })).row.state).toBe('OFFERED');
    const accepted = await applyConsumerEvent(database.db, { providerPid: requested.providerPid, consumer: CONSUMER, consumerPid: requested.consumerPid, event: 'accept', provider: PROVIDER });
    expect(accepted.row.state).toBe('AGREED');
    expect(accepted.agreement).toMatchObject({ '@type': 'Agreement', assigner: PROVIDER, assignee: CONSUMER, target: check.datasetId });
    const verified = await applyConsumerEvent(database.db, { providerPid: requested.providerPid, consumer: CONSUMER, consumerPid: requested.consumerPid, event: 'verify', provider: PROVIDER });
    expect(verified.row.state).toBe('FINALIZED');
    expect(await history(requested.pid)).toEqual(['request:REQUESTED', 'offer:OFFERED', 'accept:ACCEPTED', 'agree:AGREED', 'verify:VERIFIED', 'finalize:FINALIZED']);
  });

  it('takes a counter-request on its offer only: OFFERED → REQUESTED, then agreed; a second one is refused', async () => {
    const requested = await held();
    await applyProviderEvent(database.db, { providerPid: requested.providerPid, event: 'offer', provider: PROVIDER });
    const counter = { provider: PROVIDER, consumer: CONSUMER, providerPid: requested.providerPid, consumerPid: requested.consumerPid, offer, check };
    expect((await handleCounterRequest(database.db, { ...counter, hold: true })).row.state).toBe('REQUESTED');
    expect(await refusedWith(handleCounterRequest(database.db, counter))).toBe(400);
    expect((await applyProviderEvent(database.db, { providerPid: requested.providerPid, event: 'agree', provider: PROVIDER })).row.state).toBe('AGREED');
    expect(await history(requested.pid)).toEqual(['request:REQUESTED', 'offer:OFFERED', 'request:REQUESTED', 'agree:AGREED']);
  });

  it('holds an accepted offer or a verified agreement when asked, and terminates either itself', async () => {
    const a = await held();
    await applyProviderEvent(database.db, { providerPid: a.providerPid, event: 'offer', provider: PROVIDER });
    const accepted = await applyConsumerEvent(database.db, { providerPid: a.providerPid, consumer: CONSUMER, consumerPid: a.consumerPid, event: 'accept', provider: PROVIDER, hold: true });
    expect(accepted).toMatchObject({ row: { state: 'ACCEPTED' }, agreement: null });
    // A verification of an agreement that does not exist is the consumer's error.
    expect(await refusedWith(applyConsumerEvent(database.db, { providerPid: a.providerPid, consumer: CONSUMER, consumerPid: a.consumerPid, event: 'verify', provider: PROVIDER }))).toBe(400);
    const terminated = await applyProviderEvent(database.db, { providerPid: a.providerPid, event: 'terminate', provider: PROVIDER, reason: 'no longer offered' });
    expect(terminated.row).toMatchObject({ state: 'TERMINATED', terminationReason: 'no longer offered' });

    const b = await held();
    await applyProviderEvent(database.db, { providerPid: b.providerPid, event: 'agree', provider: PROVIDER });
    expect((await applyConsumerEvent(database.db, { providerPid: b.providerPid, consumer: CONSUMER, consumerPid: b.consumerPid, event: 'verify', provider: PROVIDER, hold: true })).row.state).toBe('VERIFIED');
    expect((await applyProviderEvent(database.db, { providerPid: b.providerPid, event: 'terminate', provider: PROVIDER })).row.state).toBe('TERMINATED');
  });

  it('refuses the steps the state machine does not allow the provider, with 409 and nothing written', async () => {
    const r = await held();
    // No finalize before a verification, no counter-offer on an agreement, nothing after the end.
    expect(await refusedWith(applyProviderEvent(database.db, { providerPid: r.providerPid, event: 'finalize', provider: PROVIDER }))).toBe(409);
    await applyProviderEvent(database.db, { providerPid: r.providerPid, event: 'agree', provider: PROVIDER });
    expect(await refusedWith(applyProviderEvent(database.db, { providerPid: r.providerPid, event: 'offer', provider: PROVIDER }))).toBe(409);
    await applyConsumerEvent(database.db, { providerPid: r.providerPid, consumer: CONSUMER, consumerPid: r.consumerPid, event: 'verify', provider: PROVIDER });
    expect(await refusedWith(applyProviderEvent(database.db, { providerPid: r.providerPid, event: 'terminate', provider: PROVIDER }))).toBe(409);
    expect(await history(r.pid)).toEqual(['request:REQUESTED', 'agree:AGREED', 'verify:VERIFIED', 'finalize:FINALIZED']);
    expect(await refusedWith(applyProviderEvent(database.db, { providerPid: 'urn:uuid:none', event: 'terminate', provider: PROVIDER }))).toBe(404);
  });
});
