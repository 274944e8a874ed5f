import { z } from 'zod';

export const ZHealthOutputSchema = z.array(
  z.object({
    participantId: z.string(),
    url: z.string().nullable(),
    reachable: z.boolean(),
    latencyMs: z.number().int().nullable(),
    /** The web app's circuit breaker for this provider (closed = in use). */
    breaker: z.enum(['closed', 'open', 'half-open']),
    detail: z.string().nullable(),
  }),
);
