import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '@/db/client';
import * as msg from '@/server/dataspace/protocol/dsp-messages';
import type { ContractNegotiation, DspDataset } from '@/server/dataspace/protocol/dsp-types';
import { validateDspMessage } from '@/server/dataspace/protocol/dsp-validator';
import { PURPOSES, type Purpose } from '@/server/dataspace/protocol/purpose-of-use';
import type { AuthorityClient } from '@/server/dataspace/runtime/authority-client';
import { callParticipant, ParticipantCallError, type ParticipantIdentity } from '@/server/dataspace/protocol/participant-http';
import { datasetIri, offerIri } from './catalog-access';
import { recordProviderOffer } from './negotiation-service';
import type { RouteRule } from '@/server/dataspace/runtime/route-access';

/** Relative to /offers: an operator of this provider starts the negotiation. */
export const OFFER_ROUTES: readonly RouteRule[] = [{ method: 'POST', path: '/', access: ['operator'] }];

const ZProviderOffer = z
  .object({
    consumer: z.string().min(1).max(100),
    dataset: z.string().min(1).max(100),
    purpose: z.enum(Object.values(PURPOSES) as [Purpose, ...Purpose[]]),
  })
  .strict();

/**
 * `POST /offers` (operator token): the provider starts a negotiation itself (DSP: ContractOfferMessage
 * to the consumer's `/negotiations/offers`). It offers only what its catalog offers that consumer; the
 * negotiation is recorded OFFERED once the consumer has answered, and goes on when the consumer sends
 * ACCEPTED (the provider then agrees at once) or a termination.
 */
export function createProviderOfferApp(opts: {
  id: string;
  baseUrl: string;
  db: Database;
  identity: ParticipantIdentity;
  authority: AuthorityClient;
  visibleDatasets: (consumer: string) => Promise<DspDataset[]>;
}) {
  const app = new Hono();
  app.post('/', async (c) => {
    const parsed = ZProviderOffer.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: 'invalid-offer-request', detail: z.flattenError(parsed.error) }, 400);
    const { consumer, dataset, purpose } = parsed.data;
    const target = datasetIri(opts.id, dataset);
    const visible = (await opts.visibleDatasets(consumer)).find((d) => d['@id'] === target);
    const offer = visible?.hasPolicy.find((o) => o['@id'] === offerIri(opts.id, dataset, purpose));
    if (!offer) return c.json({ error: 'not-offered', detail: `the access policy does not offer ${dataset} for ${purpose} to ${consumer}` }, 400);
    const participant = (await opts.authority.listParticipants()).participants.find((p) => p.id === consumer && p.status === 'active');
    if (!participant?.baseUrl) return c.json({ error: 'consumer-unreachable', detail: `${consumer} is not an active participant with a DSP address` }, 409);
    const providerPid = msg.newPid();
    const message = msg.contractOfferMessage({ providerPid, offer: { ...offer, target }, callbackAddress: `${opts.baseUrl}/dsp` });
    let answer: unknown;
    try {
      answer = await callParticipant(opts.identity, { url: `${participant.baseUrl.replace(/\/$/, '')}/negotiations/offers`, audience: consumer, body: message });
    } catch (error) {
      const detail = error instanceof ParticipantCallError ? `${consumer} refused the offer (${error.status}): ${JSON.stringify(error.body)}` : `${consumer} did not answer: ${(error as Error).message}`;
      return c.json({ error: 'offer-not-delivered', detail }, 502);
    }
    const negotiation = answer as ContractNegotiation;
    const valid = validateDspMessage('ContractNegotiation', answer);
    if (!valid.valid || negotiation.providerPid !== providerPid || negotiation.state !== 'OFFERED') {
      return c.json({ error: 'offer-not-delivered', detail: `${consumer} answered with something other than an OFFERED ContractNegotiation for ${providerPid}` }, 502);
    }
    const row = await recordProviderOffer(opts.db, { providerPid, consumer, consumerPid: negotiation.consumerPid, offer: message.offer, datasetId: target, callbackAddress: `${participant.baseUrl.replace(/\/$/, '')}` });
    return c.json({ providerPid: row.providerPid, consumerPid: row.consumerPid, state: row.state }, 201);
  });
  return app;
}
