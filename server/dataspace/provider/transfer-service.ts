import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { soleWriterCachePerDatabase } from '@/db/sole-writer-cache';
import { DspFailure } from './dsp-failure';
import { contractAgreement, contractNegotiation } from '@/db/participant/schema/negotiation';
import { transferHistory, transferProcess } from '@/db/participant/schema/transfer';
import { newPid } from '@/server/dataspace/protocol/dsp-messages';
import { HTTP_DATA_PULL, type TransferState } from '@/server/dataspace/protocol/dsp-types';
import { canTransitionTransfer, isTransferRetry, nextTransferState, type TransferEvent } from '@/server/dataspace/protocol/transfer-state-machine';

export type TransferRow = typeof transferProcess.$inferSelect;

/** Per provider database: transfer states between transfer writes (this process is their only writer). */
const transferStateCache = soleWriterCachePerDatabase<string | null>();

export type AgreementRow = typeof contractAgreement.$inferSelect;

export class TransferFailure extends DspFailure {}

/**
 * Provider side of a TransferRequestMessage (HttpData-PULL): checks the agreement belongs to the consumer
 * and its negotiation is finalized, then REQUESTED → STARTED in one transaction; with `hold` it stays
 * REQUESTED for the provider to start or terminate afterwards (applyProviderTransferEvent). Retries
 * return the row.
 */
export async function handleTransferRequest(db: Database, input: { consumer: string; consumerJkt: string; consumerPid: string; agreementId: string; format: string; callbackAddress: string; hold?: boolean }): Promise<{ row: TransferRow; agreement: AgreementRow }> {
  const result = await db.transaction(async (tx) => {
    const [agreement] = await tx.select().from(contractAgreement).where(eq(contractAgreement.id, input.agreementId));
    if (!agreement || agreement.assignee !== input.consumer) throw new TransferFailure(404, 'unknown-agreement', 'no agreement with this id for this consumer', 'urn:uuid:unknown', input.consumerPid);
    const [negotiation] = await tx.select().from(contractNegotiation).where(eq(contractNegotiation.pid, agreement.negotiationPid));
    if (negotiation?.state !== 'FINALIZED') throw new TransferFailure(409, 'agreement-not-finalized', 'the negotiation of this agreement is not finalized', 'urn:uuid:unknown', input.consumerPid);
    const [existing] = await tx.select().from(transferProcess).where(and(eq(transferProcess.role, 'provider'), eq(transferProcess.counterpartyId, input.consumer), eq(transferProcess.consumerPid, input.consumerPid)));
    if (existing) {
      if (existing.agreementId !== input.agreementId) throw new TransferFailure(409, 'conflict', 'this consumerPid is already used for another agreement', existing.providerPid, existing.consumerPid);
      return { row: existing, agreement };
    }
    if (input.format !== HTTP_DATA_PULL) throw new TransferFailure(400, 'unsupported-format', `only ${HTTP_DATA_PULL} is offered`, 'urn:uuid:unknown', input.consumerPid);
    const providerPid = newPid();
    const requested = nextTransferState(null, 'request');
    const [row] = await tx
      .insert(transferProcess)
      .values({
        pid: providerPid,
        role: 'provider',
        providerPid,
        consumerPid: input.consumerPid,
        counterpartyId: input.consumer,
        agreementId: input.agreementId,
        format: input.format,
        state: input.hold ? requested : nextTransferState(requested, 'start'),
        callbackAddress: input.callbackAddress,
        consumerJkt: input.consumerJkt,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    // HttpData-PULL starts at once: REQUESTED and STARTED are both part of the history, in that order
    // (explicit times: now() is the same for both rows of one transaction).
    const at = new Date();
    await tx.insert(transferHistory).values([
      { pid: providerPid, fromState: null, toState: requested, event: 'request', at },
      ...(input.hold ? [] : [{ pid: providerPid, fromState: requested, toState: row.state, event: 'start', at: new Date(at.getTime() + 1) }]),
    ]);
    return { row, agreement };
  });
  transferStateCache(db).changed();
  return result;
}

export async function loadTransfer(db: Database, providerPid: string, consumer: string): Promise<TransferRow> {
  const [row] = await db.select().from(transferProcess).where(and(eq(transferProcess.pid, providerPid), eq(transferProcess.role, 'provider')));
  if (!row || row.counterpartyId !== consumer) throw new TransferFailure(404, 'not-found', 'no such transfer process', providerPid);
  return row;
}

/**
 * The state of a transfer process of `consumer` (null if there is none), as the data plane checks it on
 * every request: from memory between transfer writes, each of which forgets what was kept.
 */
export function transferStateForDataPlane(db: Database, providerPid: string, consumer: string): Promise<string | null> {
  return transferStateCache(db).get(`${providerPid}|${consumer}`, async () => {
    const [row] = await db.select({ state: transferProcess.state, consumer: transferProcess.counterpartyId }).from(transferProcess).where(and(eq(transferProcess.pid, providerPid), eq(transferProcess.role, 'provider')));
    return row?.consumer === consumer ? row.state : null;
  });
}

export async function loadAgreement(db: Database, id: string): Promise<AgreementRow | undefined> {
  const [row] = await db.select().from(contractAgreement).where(eq(contractAgreement.id, id));
  return row;
}

/**
 * A consumer's TransferStartMessage (resume), suspension, completion or termination. DSP 2025-1
 * transfer.process.protocol.md, "Transfer Process States": only the provider starts a REQUESTED
 * transfer; the consumer may restart a SUSPENDED one. A retry is a no-op, anything else invalid a
 * TransferFailure (400).
 */
export async function applyTransferEvent(db: Database, input: { providerPid: string; consumer: string; consumerPid: string; event: TransferEvent; reason?: string }): Promise<TransferRow> {
  return applyEvent(db, input.providerPid, input.event, input.reason, (row) => {
    if (!row || row.counterpartyId !== input.consumer) throw new TransferFailure(404, 'not-found', 'no such transfer process', input.providerPid, input.consumerPid);
    if (row.consumerPid !== input.consumerPid) throw new TransferFailure(400, 'pid-mismatch', 'consumerPid does not match this transfer', row.providerPid, input.consumerPid);
    if (input.event === 'start' && row.state === 'REQUESTED') throw new TransferFailure(400, 'invalid-transition', 'only the provider starts a requested transfer; a consumer may restart a suspended one', row.providerPid, row.consumerPid);
    return row;
  });
}

/**
 * A step the provider takes on its own (DSP 2025-1 transfer.process.protocol.md, "Transfer Process
 * States"): start a REQUESTED transfer or resume a SUSPENDED one, suspend, complete or terminate it. The
 * caller sends the consumer the matching message. Not allowed in the current state: a 409 TransferFailure,
 * nothing written.
 */
export async function applyProviderTransferEvent(db: Database, input: { providerPid: string; event: TransferEvent; reason?: string }): Promise<TransferRow> {
  return applyEvent(db, input.providerPid, input.event, input.reason, (row) => {
    if (!row) throw new TransferFailure(404, 'not-found', 'no such transfer process', input.providerPid);
    if (!canTransitionTransfer(row.state as TransferState, input.event)) throw new TransferFailure(409, 'invalid-transition', `the provider cannot ${input.event} a transfer process in state ${row.state}`, row.providerPid, row.consumerPid);
    return row;
  });
}

/** One transition of a provider-side transfer process, after `check` accepted the row; retries are no-ops. */
async function applyEvent(db: Database, providerPid: string, event: TransferEvent, reason: string | undefined, check: (row: TransferRow | undefined) => TransferRow): Promise<TransferRow> {
  const result = await db.transaction(async (tx) => {
    const [found] = await tx.select().from(transferProcess).where(and(eq(transferProcess.pid, providerPid), eq(transferProcess.role, 'provider')));
    const row = check(found);
    const state = row.state as TransferState;
    if (isTransferRetry(state, event)) return row;
    let to: TransferState;
    try {
      to = nextTransferState(state, event);
    } catch (error) {
      throw new TransferFailure(400, 'invalid-transition', (error as Error).message, row.providerPid, row.consumerPid);
    }
    const [updated] = await tx.update(transferProcess).set({ state: to, reason: reason ?? null, updatedAt: new Date() }).where(and(eq(transferProcess.pid, row.pid), eq(transferProcess.state, row.state))).returning();
    if (!updated) throw new TransferFailure(409, 'concurrent-update', 'the transfer changed concurrently; retry', row.providerPid, row.consumerPid);
    await tx.insert(transferHistory).values({ pid: row.pid, fromState: state, toState: to, event, reason: reason ?? null });
    return updated;
  });
  transferStateCache(db).changed();
  return result;
}
