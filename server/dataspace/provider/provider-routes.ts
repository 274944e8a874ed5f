import type { Context } from 'hono';
import * as msg from '@/server/dataspace/protocol/dsp-messages';
import { mounted, type AccessRefusal, type RouteRule } from '@/server/dataspace/runtime/route-access';
import { operationOutcome } from '@/server/fhir/operation-outcome';
import { FHIR_ROUTES } from './data-plane/data-plane-app';
import { CONSENT_INVALIDATION_ROUTES } from './consent-invalidation-app';
import { CONTRACT_ROUTES } from './provider-contracts-app';
import { DSP_ROUTES } from './provider-dsp-app';
import { OFFER_ROUTES } from './provider-offer-app';

/** A provider's own routes outside its apps: its public key and liveness. */
export const PROVIDER_BASE_ROUTES = {
  jwks: { method: 'GET', path: '/.well-known/jwks.json', access: ['public'] },
  health: { method: 'GET', path: '/health', access: ['public'] },
  // DSP 2025-1 common.protocol.md, "Exposure of Versions": MUST, unversioned and unauthenticated.
  dspaceVersion: { method: 'GET', path: '/.well-known/dspace-version', access: ['public'] },
} as const satisfies Record<string, RouteRule>;

/** Every route of a provider with who may call it, at the paths its apps are mounted on. */
export const PROVIDER_ROUTES: readonly RouteRule[] = [
  ...Object.values(PROVIDER_BASE_ROUTES),
  ...mounted('/dsp', DSP_ROUTES),
  ...mounted('/offers', OFFER_ROUTES),
  ...mounted('/contracts', CONTRACT_ROUTES),
  ...mounted('/consent-invalidations', CONSENT_INVALIDATION_ROUTES),
  ...mounted('/fhir/r4', FHIR_ROUTES),
];

/**
 * A refusal in the words of the route's protocol: a DSP error message (CatalogError,
 * ContractNegotiationError, TransferError, DSP 2025-1 §§ 5–7) on DSP routes, an OperationOutcome on
 * FHIR routes, plain JSON elsewhere.
 */
export function providerRefusal(c: Context, r: AccessRefusal): Response {
  const path = c.req.path;
  const pid = /^\/dsp\/(?:negotiations|transfers)\/([^/]+)/.exec(path)?.[1];
  const providerPid = pid && pid !== 'request' ? decodeURIComponent(pid) : 'urn:uuid:unknown';
  if (path.startsWith('/dsp/catalog')) return c.json(msg.catalogError(r.error, r.detail), r.status);
  // contract.negotiation.binding.https.md and transfer.process.binding.https.md, "Unauthorized Access":
  // "If the client is not authorized, the Consumer or Provider MUST return an HTTP 404 (Not Found)"
  // (nobody learns whether a process exists). The catalog binding has no such rule: it keeps 401/403.
  if (path.startsWith('/dsp/negotiations')) return c.json(msg.contractNegotiationError({ providerPid, consumerPid: 'urn:uuid:unknown', code: r.error, reason: r.detail }), 404);
  if (path.startsWith('/dsp/transfers')) return c.json(msg.transferError({ providerPid, consumerPid: 'urn:uuid:unknown', code: r.error, reason: r.detail }), 404);
  if (path.startsWith('/fhir/')) return c.body(JSON.stringify(operationOutcome('error', r.status === 401 ? 'login' : 'forbidden', r.detail)), r.status, { 'content-type': 'application/fhir+json' });
  return c.json({ error: r.error, detail: r.detail }, r.status);
}
