import type { RouteRule } from '@/server/dataspace/runtime/route-access';

/** Where the web app's DSP callback routes live (its DSP address, registered at the authority). */
export const CALLBACK_BASE = '/api/dsp/callback';

/**
 * The web app's DSP callback routes (relative to CALLBACK_BASE) and who may call them: each
 * `app/api/dsp/callback/…/route.ts` needs a rule here (the route matrix test checks the folder).
 */
export const CALLBACK_ROUTES = {
  // A data provider starts a negotiation with the web app (DSP ContractOfferMessage).
  offers: { method: 'POST', path: '/negotiations/offers', access: ['participant:provider'] },
  // The provider of a negotiation or transfer the web app started signals a step of it (callback-inbox.ts).
  negotiationCallback: { method: 'POST', path: '/negotiations/:consumerPid/:message', access: ['participant:provider'] },
  transferCallback: { method: 'POST', path: '/transfers/:consumerPid/:message', access: ['participant:provider'] },
} as const satisfies Record<string, RouteRule>;
