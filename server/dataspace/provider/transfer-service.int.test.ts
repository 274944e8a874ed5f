import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@/db/client';
import { PARTICIPANT_MIGRATIONS } from '@/db/participant/migrations-folder';
import { contractAgreement, contractNegotiation } from '@/db/participant/schema/negotiation';
import { transferHistory } from '@/db/participant/schema/transfer';
import { openTestDatabase, testDatabaseKinds } from '@/db/test-databases';
import { newPid } from '@/server/dataspace/protocol/dsp-messages';
import { HTTP_DATA_PULL } from '@/server/dataspace/protocol/dsp-types';
import { applyProviderTransferEvent, applyTransferEvent, handleTransferRequest, transferStateForDataPlane, TransferFailure } from './transfer-service';

// The steps a provider takes on its own in a transfer process (DSP 2025-1 transfer.process.protocol.md,
// "Transfer Process States"), on the real participant schema: a request held in REQUESTED and started
// later, suspension, resumption, completion and termination by the provider, and what is refused.
const CONSUMER = 'd4h-clinic';
const AGREEMENT = 'urn:uuid:agreement-transfer-steps';

describe.each(testDatabaseKinds())('provider-initiated transfer steps (%s)', (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind, PARTICIPANT_MIGRATIONS);
    const pid = 'urn:uuid:negotiation-transfer-steps';
    const offer = { '@id': 'o', '@type': 'Offer', permission: [{ action: 'use' }] };
    await database.db.insert(contractNegotiation).values({ pid, role: 'provider', providerPid: pid, consumerPid: 'c', counterpartyId: CONSUMER, state: 'FINALIZED', datasetId: 'ds', offerId: 'o', offer, purpose: 'HRESCH', agreementId: AGREEMENT });
    await database.db.insert(contractAgreement).values({ id: AGREEMENT, negotiationPid: pid, assigner: 'alzette-hospital', assignee: CONSUMER, target: 'ds', purpose: 'HRESCH', policy: { '@id': AGREEMENT }, signedAt: new Date() });
  });
  afterAll(async () => {
    await database?.close();
  });

  const request = (hold: boolean) => handleTransferRequest(database.db, { consumer: CONSUMER, consumerJkt: 'thumbprint-of-the-consumer-key', consumerPid: newPid(), agreementId: AGREEMENT, format: HTTP_DATA_PULL, callbackAddress: 'http://127.0.0.1:9', hold });
  const history = async (pid: string) => (await database.db.select().from(transferHistory).where(eq(transferHistory.pid, pid)).orderBy(asc(transferHistory.at))).map((h) => `${h.event}:${h.toState}`);
  const refusedWith = async (call: Promise<unknown>) => {
    const error = await call.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(TransferFailure);
    return (error as TransferFailure).status;
  };

  it('holds a request in REQUESTED (the consumer may not start it) until the provider starts it; suspends, resumes and completes it', async () => {
    const { row } = await request(true);
    expect(row).toMatchObject({ state: 'REQUESTED', consumerJkt: 'thumbprint-of-the-consumer-key' });
    expect(await refusedWith(applyTransferEvent(database.db, { providerPid: row.providerPid, consumer: CONSUMER, consumerPid: row.consumerPid, event: 'start' }))).toBe(400);
    expect(await transferStateForDataPlane(database.db, row.providerPid, CONSUMER)).toBe('REQUESTED');
    for (const event of ['start', 'suspend', 'start', 'complete'] as const) await applyProviderTransferEvent(database.db, { providerPid: row.providerPid, event });
    // The data plane sees each step at once (its cache forgets on every transfer write).
    expect(await transferStateForDataPlane(database.db, row.providerPid, CONSUMER)).toBe('COMPLETED');
    expect(await history(row.pid)).toEqual(['request:REQUESTED', 'start:STARTED', 'suspend:SUSPENDED', 'start:STARTED', 'complete:COMPLETED']);
  });

  it('terminates a requested or a suspended transfer itself; the consumer may still resume a suspended one', async () => {
    const a = (await request(true)).row;
    expect((await applyProviderTransferEvent(database.db, { providerPid: a.providerPid, event: 'terminate', reason: 'consent withdrawn' })).state).toBe('TERMINATED');
    const b = (await request(false)).row;
    expect(b.state).toBe('STARTED');
    await applyProviderTransferEvent(database.db, { providerPid: b.providerPid, event: 'suspend' });
    expect((await applyTransferEvent(database.db, { providerPid: b.providerPid, consumer: CONSUMER, consumerPid: b.consumerPid, event: 'start' })).state).toBe('STARTED');
    await applyProviderTransferEvent(database.db, { providerPid: b.providerPid, event: 'suspend' });
    expect((await applyProviderTransferEvent(database.db, { providerPid: b.providerPid, event: 'terminate' })).state).toBe('TERMINATED');
  });

  it('refuses what the state machine does not allow the provider, with 409 and nothing written', async () => {
    const { row } = await request(true);
    expect(await refusedWith(applyProviderTransferEvent(database.db, { providerPid: row.providerPid, event: 'complete' }))).toBe(409);
    expect(await refusedWith(applyProviderTransferEvent(database.db, { providerPid: row.providerPid, event: 'suspend' }))).toBe(409);
    await applyProviderTransferEvent(database.db, { providerPid: row.providerPid, event: 'start' });
    await applyProviderTransferEvent(database.db, { providerPid: row.providerPid, event: 'complete' });
    expect(await refusedWith(applyProviderTransferEvent(database.db, { providerPid: row.providerPid, event: 'terminate' }))).toBe(409);
    expect(await refusedWith(applyProviderTransferEvent(database.db, { providerPid: row.providerPid, event: 'start' }))).toBe(409);
    expect(await history(row.pid)).toEqual(['request:REQUESTED', 'start:STARTED', 'complete:COMPLETED']);
    expect(await refusedWith(applyProviderTransferEvent(database.db, { providerPid: 'urn:uuid:none', event: 'terminate' }))).toBe(404);
  });
});
