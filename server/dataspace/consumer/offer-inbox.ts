import type { ConsumerNegotiation } from '@/server/dataspace/protocol/dsp-client';
import { DspRefusal, offersOf } from '@/server/dataspace/protocol/dsp-client';
import * as msg from '@/server/dataspace/protocol/dsp-messages';
import type { ContractOfferMessage } from '@/server/dataspace/protocol/dsp-types';
import { validateDspMessage } from '@/server/dataspace/protocol/dsp-validator';
import { canonical, purposeOfOffer } from '@/server/dataspace/protocol/odrl-offer';
import { CALLBACK_ROUTES } from './callback-routes';
import type { DataspaceConsumer } from './dataspace-consumer';
import { providerSender } from './provider-sender';

/** Purposes the web app reads shared data for: care, emergency care, and the research views. It declines offers for any other. */
export const PURPOSES_THE_APP_USES: readonly string[] = ['TREAT', 'ETREAT', 'HRESCH'];

const dspError = (status: number, code: string, reason: string, providerPid = 'urn:uuid:unknown') =>
  Response.json(msg.contractNegotiationError({ providerPid, consumerPid: 'urn:uuid:unknown', code, reason }), { status });

/**
 * `POST {callbackAddress}/negotiations/offers`: a provider starts a negotiation with the web app (DSP
 * 2025-1 ContractOfferMessage). The sender must be an active provider whose credential the authority
 * vouches for (rule CALLBACK_ROUTES.offers), offering one of its own datasets. The negotiation is stored OFFERED and answered at once;
 * the decision follows in the background (decideOffer), as DSP lets the consumer answer later.
 */
export async function receiveContractOffer(consumer: DataspaceConsumer, request: Request): Promise<Response> {
  const access = await providerSender(consumer, request, CALLBACK_ROUTES.offers);
  // contract.negotiation.binding.https.md, "Unauthorized Access": 404, the consumer's endpoints too.
  if (!access.ok) return dspError(404, access.refusal.error, access.refusal.detail);
  const sender = access.sender;
  const body: unknown = await request.json().catch(() => undefined);
  const checked = validateDspMessage('ContractOfferMessage', body);
  if (!checked.valid) return dspError(400, 'invalid-message', `not a valid ContractOfferMessage: ${checked.errors.join('; ')}`);
  const m = body as ContractOfferMessage;
  const providerId = sender.participantId;
  if (m.consumerPid) return dspError(400, 'counter-offer-unsupported', 'offers on a negotiation the web app started are not taken; start a new negotiation', m.providerPid);
  const datasetId = m.offer.target ?? '';
  if (!datasetId.startsWith(`urn:d4h:dataset:${providerId}:`) || (m.offer.assigner && m.offer.assigner !== providerId)) return dspError(400, 'not-your-dataset', `${providerId} can only offer its own datasets`, m.providerPid);
  const purpose = purposeOfOffer(m.offer);
  if (!purpose) return dspError(400, 'no-purpose', 'the offer states no purpose of use', m.providerPid);

  const known = await consumer.store.offeredNegotiation(providerId, m.providerPid);
  if (known) return Response.json(msg.contractNegotiation({ providerPid: m.providerPid, consumerPid: known.consumerPid, state: known.state as never }), { status: 200 });
  const providerUrl = await consumer.directory.providerUrl(providerId);
  if (!providerUrl) return dspError(409, 'unknown-provider', `${providerId} has no address in the registry`, m.providerPid);
  const n: ConsumerNegotiation = {
    consumerPid: msg.newPid(),
    providerPid: m.providerPid,
    providerId,
    providerUrl,
    offer: m.offer,
    state: 'OFFERED',
    history: [{ from: null, to: 'OFFERED', at: new Date().toISOString() }],
    agreement: null,
    terminationReason: null,
  };
  await consumer.store.saveNegotiation(n, { datasetId, purpose });
  setTimeout(() => void decideOffer(consumer, n, { datasetId, purpose }).catch((error: Error) => console.error(`[d4h-clinic] the offer ${m.providerPid} of ${providerId} was left OFFERED: ${error.message}`)), 0);
  return Response.json(msg.contractNegotiation({ providerPid: n.providerPid, consumerPid: n.consumerPid, state: 'OFFERED' }), { status: 201 });
}

/**
 * Accepts an offer the web app can use — a purpose it reads data for, on terms identical to the offer
 * in the provider's own catalog for it — and declines any other with the reason. The provider records
 * the offer only after this consumer answered it, so an early ACCEPTED may find nothing yet: retried.
 */
export async function decideOffer(consumer: DataspaceConsumer, n: ConsumerNegotiation, input: { datasetId: string; purpose: string }): Promise<ConsumerNegotiation> {
  const dsp = await consumer.dsp();
  const known = n.history.length;
  let refusal: string | null = null;
  if (!PURPOSES_THE_APP_USES.includes(input.purpose)) refusal = `the web app does not use shared data for purpose ${input.purpose}`;
  else {
    const catalog = await dsp.catalog(n.providerId, n.providerUrl);
    await consumer.store.saveCatalog(n.providerId, n.providerUrl, catalog);
    const listed = offersOf(catalog).find((o) => o.offer['@id'] === n.offer['@id'] && o.datasetId === input.datasetId);
    const terms = (o: typeof n.offer) => canonical({ permission: o.permission ?? [], prohibition: o.prohibition ?? [], obligation: o.obligation ?? [] });
    if (!listed) refusal = `${n.offer['@id']} is not in ${n.providerId}'s catalog for this consumer`;
    else if (terms(listed.offer) !== terms(n.offer)) refusal = 'the offer differs from the same offer in the provider\'s catalog';
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      const done = refusal ? await dsp.declineOffer(n, refusal) : await dsp.acceptOffer(n);
      await consumer.store.advanceNegotiation(done, known, input);
      return done;
    } catch (error) {
      const notYetRecorded = error instanceof DspRefusal && error.status === 404;
      if (!notYetRecorded || attempt >= 5) throw error;
      // Undo the local step the refused call recorded, then wait for the provider to record its offer.
      n.state = 'OFFERED';
      n.history.length = known;
      n.terminationReason = null;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}
