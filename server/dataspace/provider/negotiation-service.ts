import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { DspFailure } from './dsp-failure';
import { contractAgreement, contractNegotiation, negotiationHistory } from '@/db/participant/schema/negotiation';
import type { NegotiationState, OdrlAgreement, OdrlOffer } from '@/server/dataspace/protocol/dsp-types';
import { newPid } from '@/server/dataspace/protocol/dsp-messages';
import { canTransitionNegotiation, isNegotiationRetry, nextNegotiationState, type NegotiationEvent } from '@/server/dataspace/protocol/negotiation-state-machine';
import { purposeOfOffer } from '@/server/dataspace/protocol/odrl-offer';
import type { Purpose } from '@/server/dataspace/protocol/purpose-of-use';

export type NegotiationRow = typeof contractNegotiation.$inferSelect;


export class ContractNegotiationFailure extends DspFailure {}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

async function transition(tx: Tx, row: NegotiationRow, event: NegotiationEvent, reason?: string, extra: Partial<NegotiationRow> = {}): Promise<NegotiationRow> {
  const to = nextNegotiationState(row.state as NegotiationState, event);
  const [updated] = await tx
    .update(contractNegotiation)
    .set({ state: to, updatedAt: new Date(), ...(event === 'terminate' && reason ? { terminationReason: reason } : {}), ...extra })
    .where(and(eq(contractNegotiation.pid, row.pid), eq(contractNegotiation.state, row.state)))
    .returning();
  // A concurrent retry moved the row first: let the caller retry on fresh state.
  if (!updated) throw new ContractNegotiationFailure(409, 'concurrent-update', 'the negotiation changed concurrently; retry', row.providerPid, row.consumerPid);
  await tx.insert(negotiationHistory).values({ pid: row.pid, fromState: row.state, toState: to, event, reason: reason ?? null });
  return updated;
}

export interface RequestOutcome {
  row: NegotiationRow;
  agreement: OdrlAgreement | null;
  /** False when this was a retry of a request already processed. */
  created: boolean;
}

/** The catalog offer with this id that the consumer may see, or a reason why not. */
export type RequestCheck = { offer: OdrlOffer; datasetId: string; purpose: Purpose } | { refusal: string };

/**
 * Provider side of a ContractRequestMessage. One transaction: the negotiation is REQUESTED, then either
 * AGREED (offer identical to the catalog's and allowed for this consumer) or TERMINATED with a reason;
 * with `hold` an acceptable request stays REQUESTED for the provider to act on afterwards
 * (applyProviderEvent: counter-offer, agree or terminate).
 * A retried message (same consumer and consumerPid) returns the stored negotiation unchanged.
 */
export async function handleContractRequest(
  db: Database,
  input: { provider: string; consumer: string; consumerPid: string; offer: OdrlOffer; callbackAddress: string | null; check: RequestCheck; hold?: boolean },
): Promise<RequestOutcome> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(contractNegotiation)
      .where(and(eq(contractNegotiation.role, 'provider'), eq(contractNegotiation.counterpartyId, input.consumer), eq(contractNegotiation.consumerPid, input.consumerPid)));
    if (existing) {
      if (existing.offerId !== input.offer['@id']) {
        throw new ContractNegotiationFailure(409, 'conflict', 'this consumerPid is already used for another offer', existing.providerPid, existing.consumerPid);
      }
      const [agreementRow] = existing.agreementId ? await tx.select().from(contractAgreement).where(eq(contractAgreement.id, existing.agreementId)) : [];
      return { row: existing, agreement: (agreementRow?.policy as OdrlAgreement | undefined) ?? null, created: false };
    }
    const accepted = 'refusal' in input.check ? null : input.check;
    const row = await insertNegotiation(tx, { event: 'request', providerPid: newPid(), consumer: input.consumer, consumerPid: input.consumerPid, datasetId: accepted?.datasetId ?? '', offer: input.offer, purpose: accepted?.purpose ?? null, callbackAddress: input.callbackAddress });
    return { ...(await decideOnRequest(tx, row, input)), created: true };
  });
}

/**
 * A consumer's counter-request (ContractRequestMessage with the providerPid) on a negotiation this
 * provider OFFERED: OFFERED → REQUESTED with the consumer's offer, then decided as a first request
 * is. DSP 2025-1 contract.negotiation.protocol.md, "Contract Negotiation States": the consumer may answer
 * an offer with a request; from any other state it is an invalid transition (binding: 400).
 */
export async function handleCounterRequest(
  db: Database,
  input: { provider: string; consumer: string; providerPid: string; consumerPid: string; offer: OdrlOffer; check: RequestCheck; hold?: boolean },
): Promise<{ row: NegotiationRow; agreement: OdrlAgreement | null }> {
  return db.transaction(async (tx) => {
    const row = await ownNegotiation(tx, input);
    if (row.state !== 'OFFERED') throw new ContractNegotiationFailure(400, 'invalid-transition', `a counter-request answers an offer of the provider; this negotiation is ${row.state}`, row.providerPid, row.consumerPid);
    const accepted = 'refusal' in input.check ? null : input.check;
    const requested = await transition(tx, row, 'request', undefined, { offerId: input.offer['@id'], offer: input.offer, ...(accepted ? { datasetId: accepted.datasetId, purpose: accepted.purpose } : {}) });
    return decideOnRequest(tx, requested, input);
  });
}

/** A REQUESTED negotiation: TERMINATED with the refusal, held as it is, or AGREED on the catalog offer. */
async function decideOnRequest(tx: Tx, row: NegotiationRow, input: { provider: string; consumer: string; check: RequestCheck; hold?: boolean }): Promise<{ row: NegotiationRow; agreement: OdrlAgreement | null }> {
  if ('refusal' in input.check) return { row: await transition(tx, row, 'terminate', input.check.refusal), agreement: null };
  if (input.hold) return { row, agreement: null };
  return agreeOn(tx, row, { provider: input.provider, consumer: input.consumer, offer: input.check.offer, datasetId: input.check.datasetId, purpose: input.check.purpose });
}

/** The provider-side negotiation with this providerPid, if it is this consumer's and the consumerPid matches. */
async function ownNegotiation(tx: Tx, input: { providerPid: string; consumer: string; consumerPid: string }): Promise<NegotiationRow> {
  const [row] = await tx.select().from(contractNegotiation).where(and(eq(contractNegotiation.pid, input.providerPid), eq(contractNegotiation.role, 'provider')));
  if (!row || row.counterpartyId !== input.consumer) throw new ContractNegotiationFailure(404, 'not-found', 'no such negotiation', input.providerPid, input.consumerPid);
  if (row.consumerPid !== input.consumerPid) throw new ContractNegotiationFailure(400, 'pid-mismatch', 'consumerPid does not match this negotiation', row.providerPid, input.consumerPid);
  return row;
}

/** Signs the agreement on `offer` (the catalog's) and moves the negotiation to AGREED, in the caller's transaction. */
async function agreeOn(tx: Tx, row: NegotiationRow, input: { provider: string; consumer: string; offer: OdrlOffer; datasetId: string; purpose: Purpose }): Promise<{ row: NegotiationRow; agreement: OdrlAgreement }> {
  const { purpose } = input;
  const agreement: OdrlAgreement = {
    '@id': newPid(),
    '@type': 'Agreement',
    target: input.offer.target ?? input.datasetId,
    assigner: input.provider,
    assignee: input.consumer,
    timestamp: new Date().toISOString(),
    ...(input.offer.permission ? { permission: input.offer.permission } : {}),
    ...(input.offer.prohibition ? { prohibition: input.offer.prohibition } : {}),
    ...(input.offer.obligation ? { obligation: input.offer.obligation } : {}),
  };
  await tx.insert(contractAgreement).values({
    id: agreement['@id'],
    negotiationPid: row.providerPid,
    assigner: agreement.assigner,
    assignee: agreement.assignee,
    target: agreement.target,
    purpose,
    policy: agreement,
    signedAt: new Date(agreement.timestamp),
  });
  return { row: await transition(tx, row, 'agree', undefined, { agreementId: agreement['@id'] }), agreement };
}

/**
 * A negotiation the provider started (DSP: ContractOfferMessage to the consumer), recorded once the
 * consumer has answered with its consumerPid: OFFERED, waiting for the consumer's ACCEPTED or termination.
 */
export async function recordProviderOffer(db: Database, input: { providerPid: string; consumer: string; consumerPid: string; offer: OdrlOffer; datasetId: string; callbackAddress: string }): Promise<NegotiationRow> {
  return db.transaction((tx) => insertNegotiation(tx, { event: 'offer', purpose: purposeOfOffer(input.offer), ...input }));
}

/** A new provider-side negotiation and the first entry of its history: REQUESTED by the consumer, or OFFERED by this provider. */
async function insertNegotiation(tx: Tx, input: { event: 'request' | 'offer'; providerPid: string; consumer: string; consumerPid: string; datasetId: string; offer: OdrlOffer; purpose: Purpose | null; callbackAddress: string | null }): Promise<NegotiationRow> {
  const [row] = await tx
    .insert(contractNegotiation)
    .values({
      pid: input.providerPid,
      role: 'provider',
      providerPid: input.providerPid,
      consumerPid: input.consumerPid,
      counterpartyId: input.consumer,
      state: nextNegotiationState(null, input.event),
      datasetId: input.datasetId,
      offerId: input.offer['@id'],
      offer: input.offer,
      // The catalog's purpose of the offer (an offer without a purpose constraint still has one there).
      purpose: input.purpose ?? purposeOfOffer(input.offer),
      callbackAddress: input.callbackAddress,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await tx.insert(negotiationHistory).values({ pid: row.pid, fromState: null, toState: row.state, event: input.event });
  return row;
}

/** True when the offer the consumer accepts is the provider's: it started the negotiation with one or counter-offered. */
async function offeredByProvider(tx: Tx, pid: string): Promise<boolean> {
  const [last] = await tx.select({ event: negotiationHistory.event }).from(negotiationHistory).where(and(eq(negotiationHistory.pid, pid), eq(negotiationHistory.toState, 'OFFERED'))).limit(1);
  return last?.event === 'offer';
}

/** Loads a negotiation owned by this consumer, or fails with 404 (never revealing another consumer's). */
export async function loadNegotiation(db: Database, providerPid: string, consumer: string): Promise<NegotiationRow> {
  const [row] = await db.select().from(contractNegotiation).where(and(eq(contractNegotiation.pid, providerPid), eq(contractNegotiation.role, 'provider')));
  if (!row || row.counterpartyId !== consumer) throw new ContractNegotiationFailure(404, 'not-found', 'no such negotiation', providerPid);
  return row;
}

/**
 * Applies a consumer message (verify, accept, terminate) to a negotiation. By default the provider then
 * takes the next step in the same transaction: an accepted offer is agreed (its agreement is returned for
 * the callback) and a verified agreement FINALIZED (the provider has nothing left to check); with `hold`
 * it stays ACCEPTED or VERIFIED for the provider to act on afterwards (applyProviderEvent). A retry of a
 * message already applied is a no-op; anything else not allowed in the current state is a
 * ContractNegotiationFailure.
 */
export async function applyConsumerEvent(db: Database, input: { providerPid: string; consumer: string; consumerPid: string; event: 'verify' | 'accept' | 'terminate'; reason?: string; provider: string; hold?: boolean }): Promise<{ row: NegotiationRow; agreement: OdrlAgreement | null }> {
  return db.transaction(async (tx) => {
    const row = await ownNegotiation(tx, input);
    const state = row.state as NegotiationState;
    // DSP 2025-1 contract.negotiation.protocol.md, "Contract Negotiation States": ACCEPTED answers the
    // provider's offer; on a negotiation the consumer requested there is none, whatever its state now
    // (binding, "State Transition Errors": 400).
    if (input.event === 'accept' && !(await offeredByProvider(tx, row.pid))) {
      throw new ContractNegotiationFailure(400, 'invalid-transition', 'ACCEPTED answers an offer of the provider; this negotiation was requested by the consumer', row.providerPid, row.consumerPid);
    }
    // A retried ACCEPTED finds the negotiation already AGREED (the provider agrees as soon as it is accepted).
    const retried = isNegotiationRetry(state, input.event) || (input.event === 'verify' && state === 'FINALIZED') || (input.event === 'accept' && state === 'AGREED');
    if (retried) return { row, agreement: null };
    try {
      const next = await transition(tx, row, input.event, input.reason);
      if (input.hold || input.event === 'terminate') return { row: next, agreement: null };
      if (input.event === 'verify') return { row: await transition(tx, next, 'finalize'), agreement: null };
      return agreeOnOwnOffer(tx, next, input);
    } catch (error) {
      if (error instanceof ContractNegotiationFailure) throw error;
      throw new ContractNegotiationFailure(400, 'invalid-transition', (error as Error).message, row.providerPid, row.consumerPid);
    }
  });
}

/** The provider agrees on the offer the negotiation holds (its own, or the request it answers). */
async function agreeOnOwnOffer(tx: Tx, row: NegotiationRow, input: { provider: string; consumer?: string }): Promise<{ row: NegotiationRow; agreement: OdrlAgreement }> {
  const offer = row.offer as OdrlOffer;
  const purpose = (row.purpose as Purpose | null) ?? purposeOfOffer(offer);
  if (!purpose) throw new Error('negotiation without purpose');
  return agreeOn(tx, row, { provider: input.provider, consumer: row.counterpartyId, offer: { ...offer, target: offer.target ?? row.datasetId }, datasetId: row.datasetId, purpose });
}

/** What a provider may do on its own initiative, and the state each leaves the negotiation in. */
export type ProviderNegotiationEvent = 'offer' | 'agree' | 'finalize' | 'terminate';

/**
 * A step the provider takes on its own (DSP 2025-1 contract.negotiation.protocol.md, "Contract
 * Negotiation States"): counter-offer a request (REQUESTED → OFFERED, the offer the negotiation holds),
 * agree (REQUESTED or ACCEPTED → AGREED), finalize a verified agreement (VERIFIED → FINALIZED), or
 * terminate (any state but FINALIZED and TERMINATED). Returns the row and, for `agree`, the agreement,
 * for the message the caller sends the consumer. Not allowed in the current state: a 409
 * ContractNegotiationFailure, nothing written.
 */
export async function applyProviderEvent(db: Database, input: { providerPid: string; event: ProviderNegotiationEvent; provider: string; reason?: string }): Promise<{ row: NegotiationRow; agreement: OdrlAgreement | null }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(contractNegotiation).where(and(eq(contractNegotiation.pid, input.providerPid), eq(contractNegotiation.role, 'provider')));
    if (!row) throw new ContractNegotiationFailure(404, 'not-found', 'no such negotiation', input.providerPid);
    const state = row.state as NegotiationState;
    const event: NegotiationEvent = input.event;
    if (!canTransitionNegotiation(state, event)) throw new ContractNegotiationFailure(409, 'invalid-transition', `the provider cannot ${input.event} a negotiation in state ${state}`, row.providerPid, row.consumerPid);
    if (input.event === 'agree') return agreeOnOwnOffer(tx, row, input);
    return { row: await transition(tx, row, event, input.reason), agreement: null };
  });
}
