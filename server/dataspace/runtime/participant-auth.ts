import type { Context, MiddlewareHandler } from 'hono';
import type { JSONWebKeySet } from 'jose';
import type { ReplayGuard } from '@/server/dataspace/protocol/replay-guard';
import type { AuthorityClient } from './authority-client';
import { TokenError } from '@/server/dataspace/protocol/token-error';
import { verifyParticipantToken, type VerifiedParticipant } from '@/server/dataspace/protocol/participant-token';

export type ParticipantEnv = { Variables: { participant: VerifiedParticipant } };

export function bearer(c: Context): string | undefined {
  const header = c.req.header('authorization');
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/**
 * Middleware that admits only calls with a valid participant token. `onError` shapes the refusal body
 * (a DSP error for DSP routes, plain JSON elsewhere).
 */
export function requireParticipant(input: {
  audience: string;
  authorityId: string;
  authorityJwks: () => Promise<JSONWebKeySet>;
  replay: ReplayGuard;
  isActive: (participantId: string, credentialJti: string) => Promise<boolean>;
  onError: (c: Context, error: TokenError) => Response;
}): MiddlewareHandler<ParticipantEnv> {
  return async (c, next) => {
    try {
      const verified = await verifyParticipantToken(bearer(c), {
        audience: input.audience,
        authorityId: input.authorityId,
        authorityJwks: await input.authorityJwks(),
        replay: input.replay,
        isActive: input.isActive,
      });
      c.set('participant', verified);
    } catch (error) {
      if (error instanceof TokenError) return input.onError(c, error);
      throw error;
    }
    await next();
  };
}

/** requireParticipant for a provider: the authority's keys and live credential status, this provider as audience. */
export function requireParticipantAt(input: { audience: string; authority: AuthorityClient; replay: ReplayGuard; onError: (c: Context, error: TokenError) => Response }): MiddlewareHandler<ParticipantEnv> {
  return requireParticipant({
    audience: input.audience,
    authorityId: input.authority.authorityId,
    authorityJwks: () => input.authority.authorityJwks(),
    replay: input.replay,
    isActive: (p, jti) => input.authority.isActive(p, jti),
    onError: input.onError,
  });
}
