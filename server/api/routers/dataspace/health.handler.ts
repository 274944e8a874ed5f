import type { z } from 'zod';
import type { TSignedInContext } from '@/server/api/trpc';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import type { ZHealthOutputSchema } from './health.schema';

const PROBE_TIMEOUT_MS = 1500;

/** Each participant's /health answer and latency now, with the app's own breaker state beside it. */
export async function healthHandler({ ctx }: { ctx: TSignedInContext }): Promise<z.infer<typeof ZHealthOutputSchema>> {
  const consumer = dataspaceConsumer(ctx.db);
  const authority = consumer.settings.authorityUrl;
  const participants = await consumer.directory.participants().catch(() => []);
  const targets = participants.length > 0 ? participants.map((p) => ({ id: p.id, url: p.id === consumer.settings.authorityId ? authority : p.baseUrl })) : [{ id: consumer.settings.authorityId, url: authority }];
  const breakers = new Map(consumer.breakerStates().map((b) => [b.providerId, b.state]));
  return Promise.all(
    targets
      .filter((t) => t.id !== consumer.settings.participantId)
      .map(async (t) => {
        const breaker = breakers.get(t.id) ?? ('closed' as const);
        if (!t.url) return { participantId: t.id, url: null, reachable: false, latencyMs: null, breaker, detail: 'no address registered' };
        const started = performance.now();
        try {
          const response = await fetch(`${t.url.replace(/\/$/, '')}/health`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
          await response.body?.cancel();
          return { participantId: t.id, url: t.url, reachable: response.ok, latencyMs: Math.round(performance.now() - started), breaker, detail: response.ok ? null : `answered ${response.status}` };
        } catch (error) {
          const e = error as { name?: string; cause?: { code?: string } };
          return { participantId: t.id, url: t.url, reachable: false, latencyMs: null, breaker, detail: e.name === 'TimeoutError' ? `no answer within ${PROBE_TIMEOUT_MS} ms` : (e.cause?.code ?? 'unreachable') };
        }
      }),
  );
}
