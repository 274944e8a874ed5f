import { and, eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import type { Database } from '@/db/client';
import { transferProcess } from '@/db/participant/schema/transfer';
import * as msg from '@/server/dataspace/protocol/dsp-messages';
import type { CatalogRequestMessage, ContractAgreementVerificationMessage, ContractRequestMessage, DatasetRequestMessage, NegotiationState, OdrlAgreement, OdrlOffer, TransferRequestMessage, TransferState } from '@/server/dataspace/protocol/dsp-types';
import { validateDspMessage, type DspMessageKind } from '@/server/dataspace/protocol/dsp-validator';
import { signEdrToken } from '@/server/dataspace/protocol/edr-token';
import type { ParticipantKeyPair } from '@/server/dataspace/protocol/participant-keys';
import type { Purpose } from '@/server/dataspace/protocol/purpose-of-use';
import type { ReplayGuard } from '@/server/dataspace/protocol/replay-guard';
import type { TransferEvent } from '@/server/dataspace/protocol/transfer-state-machine';
import type { AuthorityClient } from '@/server/dataspace/runtime/authority-client';
import type { ParticipantEnv } from '@/server/dataspace/runtime/participant-auth';
import type { RouteRule } from '@/server/dataspace/runtime/route-access';
import { buildCatalog, buildDataset, canonicalOfferMatch, findOffer, statsOf, type DatasetStats } from './catalog-access';
import type { DatasetDefinition } from './datasets';
import { HEALTH_CONTEXT, HEALTH_CONTEXT_PATH, healthContextUrl } from './health-context';
import { DSP_BASE_PATH } from '@/server/dataspace/protocol/dspace-version';
import { DSP_CONTEXT } from '@/server/dataspace/protocol/dsp-types';
import { callParticipant, type ParticipantIdentity } from '@/server/dataspace/protocol/participant-http';
import { applyConsumerEvent, applyProviderEvent, ContractNegotiationFailure, handleContractRequest, handleCounterRequest, loadNegotiation, type NegotiationRow, type ProviderNegotiationEvent, type RequestCheck } from './negotiation-service';
import type { ProviderScript, ScriptedStep } from './provider-script';
import { applyProviderTransferEvent, applyTransferEvent, handleTransferRequest, loadAgreement, loadTransfer, TransferFailure } from './transfer-service';
import type { VerifiedParticipant } from '@/server/dataspace/protocol/participant-token';

export interface ProviderDspOptions {
  id: string;
  baseUrl: string;
  db: Database;
  key: ParticipantKeyPair;
  authority: AuthorityClient;
  replay: ReplayGuard;
  datasets: DatasetDefinition[];
  /** This provider's own identity, to sign its callbacks to consumers. */
  identity: ParticipantIdentity;
  /** When the provider takes which steps of its own (DSP TCK mode only); absent: its defaults. */
  script?: ProviderScript;
}

/** Between two scripted steps of the provider, so that each message reaches the consumer on its own. */
const SCRIPT_PAUSE_MS = 250;

type Area = 'catalog' | 'negotiation' | 'transfer';

function errorBody(area: Area, code: string, reason: string, providerPid = 'urn:uuid:unknown', consumerPid = 'urn:uuid:unknown') {
  if (area === 'catalog') return msg.catalogError(code, reason);
  if (area === 'negotiation') return msg.contractNegotiationError({ providerPid, consumerPid, code, reason });
  return msg.transferError({ providerPid, consumerPid, code, reason });
}

async function readMessage<T>(c: Context, kind: DspMessageKind, area: Area): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  const body: unknown = await c.req.json().catch(() => undefined);
  if (body === undefined) return { ok: false, response: c.json(errorBody(area, 'malformed', 'the body is not JSON'), 400) };
  const result = validateDspMessage(kind, body);
  if (!result.valid) {
    const pids = (body ?? {}) as { providerPid?: unknown; consumerPid?: unknown };
    const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);
    return { ok: false, response: c.json(errorBody(area, 'invalid-message', `not a valid ${kind}: ${result.errors.join('; ')}`, str(pids.providerPid), str(pids.consumerPid)), 400) };
  }
  return { ok: true, value: body as T };
}


/**
 * Who may call each DSP endpoint (relative to /dsp): any enrolled participant; what it may see or do
 * is then the access policy's (catalog) and its own negotiations' and transfers' business.
 */
export const DSP_ROUTES: readonly RouteRule[] = [
  // The JSON-LD context of the dataset metadata terms: public, like any context a client loads.
  { method: 'GET', path: HEALTH_CONTEXT_PATH.slice(DSP_BASE_PATH.length), access: ['public'] },
  { method: 'POST', path: '/catalog/request', access: ['participant'] },
  { method: 'GET', path: '/catalog/datasets/:id', access: ['participant'] },
  { method: 'POST', path: '/catalog/datasets', access: ['participant'] },
  { method: 'POST', path: '/negotiations/request', access: ['participant'] },
  { method: 'POST', path: '/negotiations/:pid/request', access: ['participant'] },
  { method: 'GET', path: '/negotiations/:pid', access: ['participant'] },
  { method: 'GET', path: '/negotiations/:pid/agreement', access: ['participant'] },
  { method: 'POST', path: '/negotiations/:pid/agreement/verification', access: ['participant'] },
  { method: 'POST', path: '/negotiations/:pid/events', access: ['participant'] },
  { method: 'POST', path: '/negotiations/:pid/termination', access: ['participant'] },
  { method: 'POST', path: '/transfers/request', access: ['participant'] },
  { method: 'GET', path: '/transfers/:pid', access: ['participant'] },
  { method: 'POST', path: '/transfers/:pid/edr', access: ['participant'] },
  { method: 'POST', path: '/transfers/:pid/start', access: ['participant'] },
  { method: 'POST', path: '/transfers/:pid/suspension', access: ['participant'] },
  { method: 'POST', path: '/transfers/:pid/completion', access: ['participant'] },
  { method: 'POST', path: '/transfers/:pid/termination', access: ['participant'] },
];

/** The provider's DSP 2025-1 endpoints: catalog, contract negotiation (provider side), transfer process (pull). */
export function createProviderDspApp(opts: ProviderDspOptions) {
  const { db } = opts;
  const app = new Hono<ParticipantEnv>();

  /**
   * A message to the consumer's callback address, signed with a participant token for that consumer as
   * the provider's own offers are, so that a consumer can refuse a forged agreement, EDR or termination.
   * Best effort, after the answer it follows: a consumer may refuse a callback that overtakes the
   * response to its own request (it does not know the providerPid yet), so a refused or failed one is
   * tried again three times (0.5, 1, 2 s later); the consumer can also poll. Resolves true once
   * delivered, so that scripted steps (runScript) reach the consumer in order.
   */
  const deliver = (row: { callbackAddress: string | null; counterpartyId: string }, path: string, body: unknown): Promise<boolean> => {
    const callback = row.callbackAddress;
    if (!callback) return Promise.resolve(false);
    const attempt = (n: number): Promise<boolean> =>
      callParticipant(opts.identity, { url: `${callback.replace(/\/$/, '')}${path}`, audience: row.counterpartyId, body, timeoutMs: 3000 }).then(
        () => true,
        (error: Error) => {
          if (n < 3) return new Promise<boolean>((resolve) => setTimeout(() => resolve(attempt(n + 1)), 500 * 2 ** n).unref());
          // The consumer can still poll; the participant's log says which message it never took.
          console.error(`callback ${path} to ${row.counterpartyId} not delivered after 4 attempts: ${error.message}`);
          return false;
        },
      );
    return attempt(0);
  };
  /** The same, sent shortly after the answer it follows, which goes first. */
  const sendCallback = (row: { callbackAddress: string | null; counterpartyId: string }, path: string, body: unknown): void => {
    setTimeout(() => void deliver(row, path, body), 50).unref();
  };

  // ----- steps the provider takes on its own, each a transition and its signed message to the consumer -----
  const toConsumer = (kind: 'negotiations' | 'transfers', consumerPid: string, tail: string) => `/${kind}/${encodeURIComponent(consumerPid)}/${tail}`;
  const providerReason = 'ended by the provider';

  /** Counter-offer, agree, finalize or terminate a negotiation, and tell the consumer (DSP 2025-1 §"Contract Negotiation"). */
  const negotiationStep = async (providerPid: string, event: ProviderNegotiationEvent): Promise<boolean> => {
    const { row, agreement } = await applyProviderEvent(db, { providerPid, event, provider: opts.id, ...(event === 'terminate' ? { reason: providerReason } : {}) });
    const ids = { providerPid: row.providerPid, consumerPid: row.consumerPid };
    if (event === 'offer') return deliver(row, toConsumer('negotiations', row.consumerPid, 'offers'), msg.contractOfferMessage({ ...ids, offer: { ...(row.offer as OdrlOffer), target: row.datasetId } }));
    if (event === 'agree' && agreement) return deliver(row, toConsumer('negotiations', row.consumerPid, 'agreement'), msg.contractAgreementMessage({ ...ids, agreement }));
    if (event === 'finalize') return deliver(row, toConsumer('negotiations', row.consumerPid, 'events'), msg.contractNegotiationEventMessage({ ...ids, eventType: 'FINALIZED' }));
    return deliver(row, toConsumer('negotiations', row.consumerPid, 'termination'), msg.contractNegotiationTerminationMessage({ ...ids, code: 'provider', reason: row.terminationReason ?? providerReason }));
  };

  /** Start (or resume), suspend, complete or terminate a transfer process, and tell the consumer (DSP 2025-1 §"Transfer Process"). */
  const transferStep = async (providerPid: string, event: TransferEvent): Promise<boolean> => {
    const row = await applyProviderTransferEvent(db, { providerPid, event, ...(event === 'suspend' || event === 'terminate' ? { reason: providerReason } : {}) });
    const ids = { providerPid: row.providerPid, consumerPid: row.consumerPid };
    if (event === 'start') return deliver(row, toConsumer('transfers', row.consumerPid, 'start'), await startMessage(row, row.consumerJkt ?? ''));
    if (event === 'suspend') return deliver(row, toConsumer('transfers', row.consumerPid, 'suspension'), msg.transferSuspensionMessage({ ...ids, code: 'provider', reason: providerReason }));
    if (event === 'complete') return deliver(row, toConsumer('transfers', row.consumerPid, 'completion'), msg.transferCompletionMessage(ids));
    return deliver(row, toConsumer('transfers', row.consumerPid, 'termination'), msg.transferTerminationMessage({ ...ids, code: 'provider', reason: providerReason }));
  };

  /** Runs scripted steps in order after the answer they follow; a step the consumer's message overtook ends the script. */
  const runScript = <E extends string>(steps: ReadonlyArray<ScriptedStep<E>> | undefined, step: (event: E) => Promise<boolean>): void => {
    if (!steps || steps.length === 0) return;
    setTimeout(() => {
      void (async () => {
        for (const s of steps) {
          if (s === 'pause') await new Promise((resolve) => setTimeout(resolve, SCRIPT_PAUSE_MS));
          else if (
            !(await step(s as E).catch((error: Error) => {
              console.error(`scripted provider step ${s} failed: ${error.message}`);
              return false;
            }))
          )
            return;
        }
      })();
    }, 50).unref();
  };

  // The stores change only while seeding, before the provider serves: count once, at start-up in the
  // background, not per catalog request (at 100k patients the count over 2.1 million rows measured
  // 8.8 s on PGlite). A failed count is retried on the next request.
  const stats = new Map<string, Promise<DatasetStats>>();
  const statsFor = (def: DatasetDefinition): Promise<DatasetStats> => {
    const cached = stats.get(def.key);
    if (cached) return cached;
    const computed = statsOf(db, def);
    stats.set(def.key, computed);
    computed.catch(() => stats.delete(def.key));
    return computed;
  };
  for (const def of opts.datasets) statsFor(def).catch(() => undefined);

  const visibleDatasets = async (consumer: string) => {
    const { purposes } = await opts.authority.visiblePurposes(consumer);
    const out = [];
    for (const def of opts.datasets) {
      const ds = buildDataset(opts.id, def, await statsFor(def), purposes);
      if (ds) out.push(ds);
    }
    return out;
  };

  app.get(HEALTH_CONTEXT_PATH.slice(DSP_BASE_PATH.length), (c) => c.json(HEALTH_CONTEXT, 200, { 'content-type': 'application/ld+json', 'cache-control': 'public, max-age=86400' }));

  app.post('/catalog/request', async (c) => {
    const parsed = await readMessage<CatalogRequestMessage>(c, 'CatalogRequestMessage', 'catalog');
    if (!parsed.ok) return parsed.response;
    // catalog.binding.https.md, "Catalog Request Endpoint": "If a filter expression is not supported by an
    // implementation, it MUST return a HTTP 400 (Bad Request)". This catalog supports none; [] is no filter.
    if (parsed.value.filter && parsed.value.filter.length > 0) return c.json(msg.catalogError('filter-unsupported', 'this catalog supports no filter expressions; request the whole catalog'), 400);
    return c.json(buildCatalog({ provider: opts.id, baseUrl: opts.baseUrl, datasets: await visibleDatasets(c.get('participant').participantId) }));
  });

  app.get('/catalog/datasets/:id', async (c) => {
    const datasets = await visibleDatasets(c.get('participant').participantId);
    const found = datasets.find((d) => d['@id'] === c.req.param('id'));
    if (!found) return c.json(msg.catalogError('not-found', 'no such dataset for this consumer'), 404);
    return c.json({ '@context': [DSP_CONTEXT, healthContextUrl(opts.baseUrl)], ...found });
  });
  // DSP also allows a DatasetRequestMessage body on POST.
  app.post('/catalog/datasets', async (c) => {
    const parsed = await readMessage<DatasetRequestMessage>(c, 'DatasetRequestMessage', 'catalog');
    if (!parsed.ok) return parsed.response;
    const found = (await visibleDatasets(c.get('participant').participantId)).find((d) => d['@id'] === parsed.value.dataset);
    if (!found) return c.json(msg.catalogError('not-found', 'no such dataset for this consumer'), 404);
    return c.json({ '@context': [DSP_CONTEXT, healthContextUrl(opts.baseUrl)], ...found });
  });

  const negotiationFailure = (c: Context, error: unknown) => {
    if (error instanceof ContractNegotiationFailure) return c.json(errorBody('negotiation', error.code, error.message, error.providerPid, error.consumerPid), error.status);
    throw error;
  };

  /** The catalog offer a consumer's ContractRequestMessage names, if this consumer may have it unchanged, or why not. */
  const checkRequest = async (consumer: VerifiedParticipant, offer: OdrlOffer): Promise<RequestCheck> => {
    const visible = await visibleDatasets(consumer.participantId);
    const catalogOffer = visible.flatMap((d) => d.hasPolicy.map((o) => ({ offer: o, datasetId: d['@id'] }))).find((o) => o.offer['@id'] === offer['@id']);
    const known = findOffer(opts.id, opts.datasets, offer['@id']);
    const roles = consumer.credential.roles;
    if (!known) return { refusal: `offer ${offer['@id']} is not in this provider's catalog` };
    if (!catalogOffer) return { refusal: `the access policy does not offer ${offer['@id']} to a participant with roles ${roles.join(', ') || 'none'}` };
    if (offer.target !== catalogOffer.datasetId) return { refusal: `the offer target must be the dataset ${catalogOffer.datasetId}` };
    if (!canonicalOfferMatch(catalogOffer.offer, offer)) return { refusal: 'the requested offer differs from the catalog offer (target, permissions, prohibitions or duties changed)' };
    return { offer: { ...catalogOffer.offer, target: catalogOffer.datasetId }, datasetId: catalogOffer.datasetId, purpose: known.offer.purpose };
  };

  /** The agreement or termination a decided request owes the consumer (a held one owes nothing yet). */
  const afterRequest = (row: NegotiationRow, agreement: OdrlAgreement | null): void => {
    if (agreement) sendCallback(row, `/negotiations/${encodeURIComponent(row.consumerPid)}/agreement`, msg.contractAgreementMessage({ providerPid: row.providerPid, consumerPid: row.consumerPid, agreement }));
    if (row.state === 'TERMINATED') sendCallback(row, `/negotiations/${encodeURIComponent(row.consumerPid)}/termination`, msg.contractNegotiationTerminationMessage({ providerPid: row.providerPid, consumerPid: row.consumerPid, code: 'policy', reason: row.terminationReason ?? 'refused' }));
  };

  // contract.negotiation.binding.https.md: a first request to /negotiations/request, a counter-request
  // (with the providerPid) to /negotiations/:providerPid/request.
  const contractRequest = async (c: Context<ParticipantEnv>, pathPid?: string) => {
    const parsed = await readMessage<ContractRequestMessage>(c, 'ContractRequestMessage', 'negotiation');
    if (!parsed.ok) return parsed.response;
    const m = parsed.value;
    if (pathPid !== m.providerPid) return c.json(errorBody('negotiation', 'pid-mismatch', pathPid ? 'providerPid in the body differs from the path' : 'a counter-request (with a providerPid) goes to /negotiations/:providerPid/request', m.providerPid, m.consumerPid), 400);
    const consumer = c.get('participant');
    const check = await checkRequest(consumer, m.offer);
    const script = 'refusal' in check ? undefined : opts.script?.negotiation(check.datasetId, m.providerPid ? 'counter-requested' : 'requested');
    try {
      if (m.providerPid) {
        // A counter-request on a negotiation this provider OFFERED (DSP: REQUESTED again, then decided as a first request).
        const { row, agreement } = await handleCounterRequest(db, { provider: opts.id, consumer: consumer.participantId, providerPid: m.providerPid, consumerPid: m.consumerPid, offer: m.offer, check, hold: script !== undefined });
        afterRequest(row, agreement);
        runScript(script, (event) => negotiationStep(row.providerPid, event));
        return c.json(msg.contractNegotiation({ providerPid: row.providerPid, consumerPid: row.consumerPid, state: row.state as NegotiationState }));
      }
      const outcome = await handleContractRequest(db, { provider: opts.id, consumer: consumer.participantId, consumerPid: m.consumerPid, offer: m.offer, callbackAddress: m.callbackAddress ?? null, check, hold: script !== undefined });
      const { row, agreement } = outcome;
      if (outcome.created) {
        afterRequest(row, agreement);
        runScript(script, (event) => negotiationStep(row.providerPid, event));
      }
      return c.json(msg.contractNegotiation({ providerPid: row.providerPid, consumerPid: row.consumerPid, state: row.state as NegotiationState }), outcome.created ? 201 : 200);
    } catch (error) {
      return negotiationFailure(c, error);
    }
  };
  app.post('/negotiations/request', (c) => contractRequest(c));
  app.post('/negotiations/:pid/request', (c) => contractRequest(c, c.req.param('pid')));

  app.get('/negotiations/:pid', async (c) => {
    try {
      const row = await loadNegotiation(db, c.req.param('pid'), c.get('participant').participantId);
      return c.json({ ...msg.contractNegotiation({ providerPid: row.providerPid, consumerPid: row.consumerPid, state: row.state as NegotiationState }), ...(row.terminationReason ? { reason: [row.terminationReason] } : {}) });
    } catch (error) {
      return negotiationFailure(c, error);
    }
  });

  // Extension for consumers without a callback endpoint: the agreement message, once AGREED.
  app.get('/negotiations/:pid/agreement', async (c) => {
    try {
      const row = await loadNegotiation(db, c.req.param('pid'), c.get('participant').participantId);
      const agreement = row.agreementId ? await loadAgreement(db, row.agreementId) : undefined;
      if (!agreement) return c.json(errorBody('negotiation', 'no-agreement', `the negotiation is ${row.state}${row.terminationReason ? `: ${row.terminationReason}` : ''}`, row.providerPid, row.consumerPid), 404);
      return c.json(msg.contractAgreementMessage({ providerPid: row.providerPid, consumerPid: row.consumerPid, agreement: agreement.policy as never }));
    } catch (error) {
      return negotiationFailure(c, error);
    }
  });

  const consumerEvent = (event: 'verify' | 'accept' | 'terminate', kind: DspMessageKind) =>
    async (c: Context<ParticipantEnv>) => {
      const parsed = await readMessage<ContractAgreementVerificationMessage & { eventType?: string; reason?: string[] }>(c, kind, 'negotiation');
      if (!parsed.ok) return parsed.response;
      const m = parsed.value;
      if (m.providerPid !== c.req.param('pid')) return c.json(errorBody('negotiation', 'pid-mismatch', 'providerPid in the body differs from the path', m.providerPid, m.consumerPid), 400);
      if (kind === 'ContractNegotiationEventMessage' && m.eventType !== 'ACCEPTED') return c.json(errorBody('negotiation', 'invalid-event', 'a consumer may only send ACCEPTED', m.providerPid, m.consumerPid), 400);
      try {
        const consumer = c.get('participant').participantId;
        const step = event === 'accept' ? 'accepted' : event === 'verify' ? 'verified' : undefined;
        const script = step && opts.script ? opts.script.negotiation((await loadNegotiation(db, m.providerPid, consumer)).datasetId, step) : undefined;
        const { row, agreement } = await applyConsumerEvent(db, { provider: opts.id, providerPid: m.providerPid, consumer, consumerPid: m.consumerPid, event, reason: m.reason?.join('; ') ?? (event === 'terminate' ? 'terminated by the consumer' : undefined), hold: script !== undefined });
        if (agreement) sendCallback(row, `/negotiations/${encodeURIComponent(row.consumerPid)}/agreement`, msg.contractAgreementMessage({ providerPid: row.providerPid, consumerPid: row.consumerPid, agreement }));
        if (event === 'verify' && row.state === 'FINALIZED') sendCallback(row, `/negotiations/${encodeURIComponent(row.consumerPid)}/events`, msg.contractNegotiationEventMessage({ providerPid: row.providerPid, consumerPid: row.consumerPid, eventType: 'FINALIZED' }));
        runScript(script, (e) => negotiationStep(row.providerPid, e));
        return c.json(msg.contractNegotiation({ providerPid: row.providerPid, consumerPid: row.consumerPid, state: row.state as NegotiationState }));
      } catch (error) {
        return negotiationFailure(c, error);
      }
    };
  app.post('/negotiations/:pid/agreement/verification', consumerEvent('verify', 'ContractAgreementVerificationMessage'));
  app.post('/negotiations/:pid/events', consumerEvent('accept', 'ContractNegotiationEventMessage'));
  app.post('/negotiations/:pid/termination', consumerEvent('terminate', 'ContractNegotiationTerminationMessage'));

  // ----- transfer process -----
  const transferFailure = (c: Context, error: unknown) => {
    if (error instanceof TransferFailure) return c.json(errorBody('transfer', error.code, error.message, error.providerPid, error.consumerPid), error.status);
    throw error;
  };

  const startMessage = async (row: { providerPid: string; consumerPid: string; agreementId: string; counterpartyId: string }, consumerJkt: string) => {
    const agreement = await loadAgreement(db, row.agreementId);
    if (!agreement) throw new TransferFailure(404, 'unknown-agreement', 'agreement vanished', row.providerPid, row.consumerPid);
    const datasetKey = agreement.target.split(':').pop() ?? '';
    const { token, claims } = await signEdrToken({ key: opts.key, provider: opts.id, consumer: row.counterpartyId, agreementId: row.agreementId, transferId: row.providerPid, datasetId: datasetKey, purpose: agreement.purpose as Purpose, consumerJkt });
    // The steward listing shows when the consumer's current token runs out.
    await db.update(transferProcess).set({ tokenExpiresAt: claims.expiresAt }).where(and(eq(transferProcess.pid, row.providerPid), eq(transferProcess.role, 'provider')));
    return msg.transferStartMessage({ providerPid: row.providerPid, consumerPid: row.consumerPid, dataAddress: msg.pullDataAddress({ endpoint: `${opts.baseUrl}/fhir/r4`, token, expiresAt: claims.expiresAt }) });
  };

  app.post('/transfers/request', async (c) => {
    const parsed = await readMessage<TransferRequestMessage>(c, 'TransferRequestMessage', 'transfer');
    if (!parsed.ok) return parsed.response;
    const m = parsed.value;
    const consumer = c.get('participant');
    try {
      const script = opts.script?.transfer(m.agreementId);
      const { row } = await handleTransferRequest(db, { consumer: consumer.participantId, consumerJkt: consumer.jkt, consumerPid: m.consumerPid, agreementId: m.agreementId, format: m.format, callbackAddress: m.callbackAddress, hold: script !== undefined });
      if (row.state === 'STARTED') sendCallback(row, `/transfers/${encodeURIComponent(row.consumerPid)}/start`, await startMessage(row, consumer.jkt));
      runScript(script, (event) => transferStep(row.providerPid, event));
      return c.json(msg.transferProcess({ providerPid: row.providerPid, consumerPid: row.consumerPid, state: row.state as TransferState }), 201);
    } catch (error) {
      return transferFailure(c, error);
    }
  });

  app.get('/transfers/:pid', async (c) => {
    try {
      const row = await loadTransfer(db, c.req.param('pid'), c.get('participant').participantId);
      return c.json(msg.transferProcess({ providerPid: row.providerPid, consumerPid: row.consumerPid, state: row.state as TransferState }));
    } catch (error) {
      return transferFailure(c, error);
    }
  });

  // Extension: a TransferStartMessage with a fresh EDR (≤ 5 min) while the transfer is STARTED; consumers refresh with it.
  app.post('/transfers/:pid/edr', async (c) => {
    try {
      const consumer = c.get('participant');
      const row = await loadTransfer(db, c.req.param('pid'), consumer.participantId);
      if (row.state !== 'STARTED') return c.json(errorBody('transfer', 'not-started', `the transfer is ${row.state}`, row.providerPid, row.consumerPid), 409);
      return c.json(await startMessage(row, consumer.jkt));
    } catch (error) {
      return transferFailure(c, error);
    }
  });

  const transferEvent = (event: TransferEvent, kind: DspMessageKind) =>
    async (c: Context<ParticipantEnv>) => {
      const parsed = await readMessage<{ providerPid: string; consumerPid: string; reason?: string[] }>(c, kind, 'transfer');
      if (!parsed.ok) return parsed.response;
      const m = parsed.value;
      if (m.providerPid !== c.req.param('pid')) return c.json(errorBody('transfer', 'pid-mismatch', 'providerPid in the body differs from the path', m.providerPid, m.consumerPid), 400);
      try {
        const row = await applyTransferEvent(db, { providerPid: m.providerPid, consumer: c.get('participant').participantId, consumerPid: m.consumerPid, event, reason: m.reason?.join('; ') });
        return c.json(msg.transferProcess({ providerPid: row.providerPid, consumerPid: row.consumerPid, state: row.state as TransferState }));
      } catch (error) {
        return transferFailure(c, error);
      }
    };
  app.post('/transfers/:pid/start', transferEvent('start', 'TransferStartMessage'));
  app.post('/transfers/:pid/suspension', transferEvent('suspend', 'TransferSuspensionMessage'));
  app.post('/transfers/:pid/completion', transferEvent('complete', 'TransferCompletionMessage'));
  app.post('/transfers/:pid/termination', transferEvent('terminate', 'TransferTerminationMessage'));

  return { app, visibleDatasets };
}
