import type { Context } from 'hono';
import type { VerifiedParticipant } from '@/server/dataspace/protocol/participant-token';

/** Hono variables of a route whose rule admitted a participant token (set by enforceRouteAccess). */
export type ParticipantEnv = { Variables: { participant: VerifiedParticipant } };

export function bearer(c: Context): string | undefined {
  const header = c.req.header('authorization');
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}
