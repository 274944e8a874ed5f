import { Hono } from 'hono';
import { z } from 'zod';
import type { ReplayGuard } from '@/server/dataspace/protocol/replay-guard';
import type { AuthorityClient } from '@/server/dataspace/runtime/authority-client';
import { requireParticipantAt, type ParticipantEnv } from '@/server/dataspace/runtime/participant-auth';
import { ZNationalId } from '@/server/records/national-id';
import type { ConsentDecisionCache } from './consent-decision-cache';

const ZInvalidation = z.union([z.object({ patients: z.array(ZNationalId).min(1).max(10_000) }).strict(), z.object({ all: z.literal(true) }).strict()]);

/**
 * `POST /consent-invalidations`: the authority pushes a consent change (these people, or everyone after
 * a revocation); the provider forgets the decisions it kept and acknowledges, and only then does the
 * authority confirm the change. Only the authority may call it.
 */
export function createConsentInvalidationApp(opts: { id: string; authority: AuthorityClient; replay: ReplayGuard; decisions: ConsentDecisionCache }) {
  const app = new Hono<ParticipantEnv>();
  app.use('*', requireParticipantAt({ audience: opts.id, authority: opts.authority, replay: opts.replay, onError: (c, error) => c.json({ error: error.kind, detail: error.message }, error.status) }));
  app.post('/', async (c) => {
    if (c.get('participant').participantId !== opts.authority.authorityId) return c.json({ error: 'authority-only', detail: 'only the authority sends consent invalidations' }, 403);
    const parsed = ZInvalidation.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ error: 'invalid-invalidation', detail: z.flattenError(parsed.error) }, 400);
    opts.decisions.invalidate('all' in parsed.data ? 'all' : { patients: parsed.data.patients });
    return c.json({ invalidated: true });
  });
  return app;
}
