import { Hono } from 'hono';
import { z } from 'zod';
import type { ParticipantEnv } from '@/server/dataspace/runtime/participant-auth';
import type { RouteRule } from '@/server/dataspace/runtime/route-access';
import { ZNationalId } from '@/server/records/national-id';
import type { ConsentDecisionCache } from './consent-decision-cache';

/** Relative to /consent-invalidations: only the authority pushes consent changes. */
export const CONSENT_INVALIDATION_ROUTES: readonly RouteRule[] = [{ method: 'POST', path: '/', access: ['participant:authority'] }];

const ZInvalidation = z.union([z.object({ patients: z.array(ZNationalId).min(1).max(10_000) }).strict(), z.object({ all: z.literal(true) }).strict()]);

/**
 * `POST /consent-invalidations`: the authority pushes a consent change (these people, or everyone after
 * a revocation); the provider forgets the decisions it kept and acknowledges, and only then does the
 * authority confirm the change. Only the authority may call it.
 */
export function createConsentInvalidationApp(opts: { decisions: ConsentDecisionCache }) {
  const app = new Hono<ParticipantEnv>();
  app.post('/', async (c) => {
    const parsed = ZInvalidation.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: 'invalid-invalidation', detail: z.flattenError(parsed.error) }, 400);
    opts.decisions.invalidate('all' in parsed.data ? 'all' : { patients: parsed.data.patients });
    return c.json({ invalidated: true });
  });
  return app;
}
