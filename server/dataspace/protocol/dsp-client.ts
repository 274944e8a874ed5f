import { callParticipant, ParticipantCallError, type ParticipantIdentity } from './participant-http';
import * as msg from './dsp-messages';
import type { ContractAgreementMessage, ContractNegotiation, DspCatalog, NegotiationState, OdrlAgreement, OdrlOffer, TransferProcess, TransferStartMessage, TransferState } from './dsp-types';
import { assertDspMessage } from './dsp-validator';
import { nextNegotiationState, type NegotiationEvent } from './negotiation-state-machine';
import { PRACTITIONER_ASSERTION_HEADER, signPractitionerAssertion, type PractitionerAssertion } from './practitioner-assertion';
import { nextTransferState } from './transfer-state-machine';

/** The consumer's record of one negotiation; a store (memory here, the app DB in the web app) keeps these. */
export interface ConsumerNegotiation {
  consumerPid: string;
  providerPid: string;
  providerId: string;
  providerUrl: string;
  offer: OdrlOffer;
  state: NegotiationState;
  history: Array<{ from: NegotiationState | null; to: NegotiationState; at: string; reason?: string }>;
  agreement: OdrlAgreement | null;
  terminationReason: string | null;
}

export interface ConsumerTransfer {
  consumerPid: string;
  providerPid: string;
  providerId: string;
  providerUrl: string;
  agreementId: string;
  state: TransferState;
  endpoint: string | null;
  token: string | null;
  tokenExpiresAt: Date | null;
}

/** Raised when a provider refuses; `body` is the DSP error message it sent (already schema-checked when it is one). */
export class DspRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
    this.name = 'DspRefusal';
  }
}

function applyNegotiation(n: ConsumerNegotiation, event: NegotiationEvent, reason?: string): void {
  const to = nextNegotiationState(n.state, event);
  n.history.push({ from: n.state, to, at: new Date().toISOString(), ...(reason ? { reason } : {}) });
  n.state = to;
}

/**
 * Consumer side of DSP 2025-1 against one of the providers. Every message sent is built (and so
 * validated) by dsp-messages; every message received is validated against its schema before use.
 * It polls instead of waiting for callbacks, so the caller needs no public callback endpoint.
 */
export class DspConsumer {
  constructor(
    readonly identity: ParticipantIdentity,
    /** Callback base URL put in messages (providers try it, best effort). */
    readonly callbackAddress: string,
  ) {}

  private async call<T>(providerId: string, url: string, body?: unknown): Promise<T> {
    try {
      return await callParticipant<T>(this.identity, { url, audience: providerId, body });
    } catch (error) {
      if (error instanceof ParticipantCallError) throw new DspRefusal(error.status, error.body, `${providerId} refused: ${JSON.stringify(error.body)}`);
      throw error;
    }
  }

  async catalog(providerId: string, providerUrl: string): Promise<DspCatalog> {
    const body = await this.call<unknown>(providerId, `${providerUrl}/dsp/catalog/request`, msg.catalogRequestMessage());
    return assertDspMessage<DspCatalog>('Catalog', body);
  }

  /** Runs a negotiation for a catalog offer of dataset `target` to FINALIZED (or TERMINATED, with the provider's reason). */
  async negotiate(providerId: string, providerUrl: string, catalogOffer: OdrlOffer, target: string, consumerPid = msg.newPid()): Promise<ConsumerNegotiation> {
    const offer: OdrlOffer = { ...catalogOffer, target };
    const n: ConsumerNegotiation = { consumerPid, providerPid: '', providerId, providerUrl, offer, state: 'REQUESTED', history: [{ from: null, to: 'REQUESTED', at: new Date().toISOString() }], agreement: null, terminationReason: null };
    const first = assertDspMessage<ContractNegotiation>('ContractNegotiation', await this.call(providerId, `${providerUrl}/dsp/negotiations/request`, msg.contractRequestMessage({ consumerPid, offer, callbackAddress: this.callbackAddress })));
    n.providerPid = first.providerPid;
    if (first.state === 'TERMINATED') {
      const status = await this.call<ContractNegotiation & { reason?: string[] }>(providerId, `${providerUrl}/dsp/negotiations/${encodeURIComponent(n.providerPid)}`);
      n.terminationReason = status.reason?.join('; ') ?? 'terminated by the provider';
      applyNegotiation(n, 'terminate', n.terminationReason);
      return n;
    }
    return this.agreeAndVerify(n);
  }

  /**
   * The consumer's side of a negotiation the provider started (`n` is OFFERED): sends ACCEPTED, then, as
   * for its own requests, reads the agreement, verifies it and ends FINALIZED.
   */
  async acceptOffer(n: ConsumerNegotiation): Promise<ConsumerNegotiation> {
    assertDspMessage<ContractNegotiation>(
      'ContractNegotiation',
      await this.call(n.providerId, `${n.providerUrl}/dsp/negotiations/${encodeURIComponent(n.providerPid)}/events`, msg.contractNegotiationEventMessage({ providerPid: n.providerPid, consumerPid: n.consumerPid, eventType: 'ACCEPTED' })),
    );
    applyNegotiation(n, 'accept');
    // A provider that does not agree after all has no agreement to give: reading it fails below.
    return this.agreeAndVerify(n);
  }

  /** Declines an offered negotiation (`n` is OFFERED) with a reason the provider records. */
  async declineOffer(n: ConsumerNegotiation, reason: string): Promise<ConsumerNegotiation> {
    assertDspMessage<ContractNegotiation>(
      'ContractNegotiation',
      await this.call(n.providerId, `${n.providerUrl}/dsp/negotiations/${encodeURIComponent(n.providerPid)}/termination`, msg.contractNegotiationTerminationMessage({ providerPid: n.providerPid, consumerPid: n.consumerPid, code: 'declined', reason })),
    );
    applyNegotiation(n, 'terminate', reason);
    n.terminationReason = reason;
    return n;
  }

  /** From the provider's agreement to FINALIZED: read the agreement (polling, no callback needed), check it is ours, verify. */
  private async agreeAndVerify(n: ConsumerNegotiation): Promise<ConsumerNegotiation> {
    const base = `${n.providerUrl}/dsp/negotiations/${encodeURIComponent(n.providerPid)}`;
    const agreementMessage = assertDspMessage<ContractAgreementMessage>('ContractAgreementMessage', await this.call(n.providerId, `${base}/agreement`));
    if (agreementMessage.consumerPid !== n.consumerPid || agreementMessage.agreement.assignee !== this.identity.id) throw new Error('the agreement is not for this negotiation or this consumer');
    n.agreement = agreementMessage.agreement;
    applyNegotiation(n, 'agree');
    const verified = assertDspMessage<ContractNegotiation>('ContractNegotiation', await this.call(n.providerId, `${base}/agreement/verification`, msg.contractAgreementVerificationMessage({ providerPid: n.providerPid, consumerPid: n.consumerPid })));
    applyNegotiation(n, 'verify');
    if (verified.state === 'FINALIZED') applyNegotiation(n, 'finalize');
    return n;
  }

  /** Starts a pull transfer on an agreement and fetches its first EDR. */
  async startTransfer(providerId: string, providerUrl: string, agreementId: string): Promise<ConsumerTransfer> {
    const consumerPid = msg.newPid();
    const process = assertDspMessage<TransferProcess>('TransferProcess', await this.call(providerId, `${providerUrl}/dsp/transfers/request`, msg.transferRequestMessage({ consumerPid, agreementId, callbackAddress: this.callbackAddress })));
    const t: ConsumerTransfer = { consumerPid, providerPid: process.providerPid, providerId, providerUrl, agreementId, state: nextTransferState(null, 'request'), endpoint: null, token: null, tokenExpiresAt: null };
    if (process.state === 'STARTED') await this.refreshEdr(t);
    return t;
  }

  /** Gets a fresh EDR (≤ 5 min) for a started transfer; call it before `tokenExpiresAt`. */
  async refreshEdr(t: ConsumerTransfer): Promise<ConsumerTransfer> {
    const start = assertDspMessage<TransferStartMessage>('TransferStartMessage', await this.call(t.providerId, `${t.providerUrl}/dsp/transfers/${encodeURIComponent(t.providerPid)}/edr`, {}));
    const address = start.dataAddress ? msg.readPullDataAddress(start.dataAddress) : null;
    if (!address) throw new Error('the TransferStartMessage has no usable pull data address');
    if (t.state !== 'STARTED') t.state = nextTransferState(t.state, 'start');
    t.endpoint = address.endpoint;
    t.token = address.token;
    t.tokenExpiresAt = address.expiresAt;
    return t;
  }

  private async transferEvent(t: ConsumerTransfer, path: string, message: unknown): Promise<ConsumerTransfer> {
    const process = assertDspMessage<TransferProcess>('TransferProcess', await this.call(t.providerId, `${t.providerUrl}/dsp/transfers/${encodeURIComponent(t.providerPid)}/${path}`, message));
    t.state = process.state;
    if (process.state !== 'STARTED') t.token = null;
    return t;
  }

  suspend(t: ConsumerTransfer, reason: string) {
    return this.transferEvent(t, 'suspension', msg.transferSuspensionMessage({ providerPid: t.providerPid, consumerPid: t.consumerPid, code: 'suspended', reason }));
  }
  async resume(t: ConsumerTransfer) {
    await this.transferEvent(t, 'start', msg.transferStartMessage({ providerPid: t.providerPid, consumerPid: t.consumerPid }));
    return this.refreshEdr(t);
  }
  complete(t: ConsumerTransfer) {
    return this.transferEvent(t, 'completion', msg.transferCompletionMessage({ providerPid: t.providerPid, consumerPid: t.consumerPid }));
  }
  terminate(t: ConsumerTransfer, reason: string) {
    return this.transferEvent(t, 'termination', msg.transferTerminationMessage({ providerPid: t.providerPid, consumerPid: t.consumerPid, code: 'terminated', reason }));
  }

  /** A FHIR GET (or $aggregate POST) with the EDR and a practitioner assertion signed by this consumer. */
  async fhir(t: ConsumerTransfer, pathAndQuery: string, practitioner: Omit<PractitionerAssertion, 'organisation'> & { organisation?: string }, init?: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal }): Promise<Response> {
    if (!t.token || !t.endpoint) throw new Error('the transfer has no EDR; start or resume it');
    const assertion = await signPractitionerAssertion({ ...practitioner, organisation: practitioner.organisation ?? this.identity.id, key: this.identity.key, consumerId: this.identity.id, audience: t.providerId });
    return fetch(`${t.endpoint}${pathAndQuery}`, {
      method: init?.method ?? 'GET',
      headers: { authorization: `Bearer ${t.token}`, [PRACTITIONER_ASSERTION_HEADER]: assertion, accept: 'application/fhir+json', ...(init?.body ? { 'content-type': 'application/json' } : {}) },
      body: init?.body ? JSON.stringify(init.body) : undefined,
      signal: init?.signal,
    });
  }
}

/** Every offer of a catalog with the dataset it targets. */
export function offersOf(catalog: DspCatalog): Array<{ datasetId: string; offer: OdrlOffer }> {
  return (catalog.dataset ?? []).flatMap((d) => d.hasPolicy.map((offer) => ({ datasetId: d['@id'], offer })));
}

/** Enrols a consumer (e.g. the web app) at the authority with the operator token and returns its credential. */
export async function enrolConsumer(input: { authorityUrl: string; operatorToken: string; id: string; jwks: { keys: unknown[] }; baseUrl?: string }): Promise<string> {
  const response = await fetch(`${input.authorityUrl}/registry/enrol`, {
    method: 'POST',
    headers: { authorization: `Bearer ${input.operatorToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: input.id, jwks: input.jwks, ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}) }),
  });
  const body = (await response.json()) as { credential?: string };
  if (!response.ok || !body.credential) throw new DspRefusal(response.status, body, `enrolment of ${input.id} refused`);
  return body.credential;
}
