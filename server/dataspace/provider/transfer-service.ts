import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { soleWriterCachePerDatabase } from '@/db/sole-writer-cache';
import { DspFailure } from './dsp-failure';
import { contractAgreement, contractNegotiation } from '@/db/participant/schema/negotiation';
import { transferHistory, transferProcess } from '@/db/participant/schema/transfer';
import { newPid } from '@/server/dataspace/protocol/dsp-messages';
import { HTTP_DATA_PULL, type TransferState } from '@/server/dataspace/protocol/dsp-types';
import { isTransferRetry, nextTransferState, type TransferEvent } from '@/server/dataspace/protocol/transfer-state-machine';

export type TransferRow = typeof transferProcess.$inferSelect;

/** Per provider database: transfer states between transfer writes (this process is their only writer). */
const transferStateCache = soleWriterCachePerDatabase<string | null>();

export type AgreementRow = typeof contractAgreement.$inferSelect;

export class TransferFailure extends DspFailure {}

/**
 * Provider side of a TransferRequestMessage (HttpData-PULL): checks the agreement belongs to the consumer
 * and its negotiation is finalized, then REQUESTED → STARTED in one transaction. Retries return the row.
 */
export async function handleTransferRequest(db: Database, input: { consumer: string; consumerPid: string; agreementId: string; format: string; callbackAddress: string }): Promise<{ row: TransferRow; agreement: AgreementRow }> {
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
        state: nextTransferState(nextTransferState(null, 'request'), 'start'),
        callbackAddress: input.callbackAddress,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    // HttpData-PULL starts at once: REQUESTED and STARTED are both part of the history, in that order
    // (explicit times: now() is the same for both rows of one transaction).
    const at = new Date();
    await tx.insert(transferHistory).values([
      { pid: providerPid, fromState: null, toState: nextTransferState(null, 'request'), event: 'request', at },
      { pid: providerPid, fromState: nextTransferState(null, 'request'), toState: row.state, event: 'start', at: new Date(at.getTime() + 1) },
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

/** Applies start (resume), suspend, complete or terminate; a retry is a no-op, anything else invalid is a TransferFailure. */
export async function applyTransferEvent(db: Database, input: { providerPid: string; consumer: string; consumerPid: string; event: TransferEvent; reason?: string }): Promise<TransferRow> {
  const result = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(transferProcess).where(and(eq(transferProcess.pid, input.providerPid), eq(transferProcess.role, 'provider')));
    if (!row || row.counterpartyId !== input.consumer) throw new TransferFailure(404, 'not-found', 'no such transfer process', input.providerPid, input.consumerPid);
    if (row.consumerPid !== input.consumerPid) throw new TransferFailure(400, 'pid-mismatch', 'consumerPid does not match this transfer', row.providerPid, input.consumerPid);
    const state = row.state as TransferState;
    if (isTransferRetry(state, input.event)) return row;
    let to: TransferState;
    try {
      to = nextTransferState(state, input.event);
    } catch (error) {
      throw new TransferFailure(400, 'invalid-transition', (error as Error).message, row.providerPid, row.consumerPid);
    }
    const [updated] = await tx.update(transferProcess).set({ state: to, reason: input.reason ?? null, updatedAt: new Date() }).where(and(eq(transferProcess.pid, row.pid), eq(transferProcess.state, row.state))).returning();
    if (!updated) throw new TransferFailure(409, 'concurrent-update', 'the transfer changed concurrently; retry', row.providerPid, row.consumerPid);
    await tx.insert(transferHistory).values({ pid: row.pid, fromState: state, toState: to, event: input.event, reason: input.reason ?? null });
    return updated;
  });
  transferStateCache(db).changed();
  return result;
}
