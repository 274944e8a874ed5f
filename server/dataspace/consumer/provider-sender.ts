import type { VerifiedParticipant } from '@/server/dataspace/protocol/participant-token';
import { memoryReplayGuard } from '@/server/dataspace/protocol/replay-guard';
import { AuthorityClient } from '@/server/dataspace/runtime/authority-client';
import { authorise, type AccessRefusal, type RouteRule } from '@/server/dataspace/runtime/route-access';
import type { DataspaceConsumer } from './dataspace-consumer';

// Provider messages (offers, callbacks) are rare and each is idempotent, so the replay guard lives in
// memory; it refuses tokens issued before this process started (see memoryReplayGuard; the process start,
// not this module's, which Next.js loads on the first message).
const replay = memoryReplayGuard({ refuseIssuedUntil: new Date(performance.timeOrigin) });

// One client per consumer, so the authority's JWKS is fetched once, not for every message.
const authorities = new WeakMap<DataspaceConsumer, Promise<AuthorityClient>>();
function authorityOf(consumer: DataspaceConsumer): Promise<AuthorityClient> {
  let authority = authorities.get(consumer);
  if (!authority) {
    const { authorityUrl, authorityId } = consumer.settings;
    authority = consumer.identity.current().then((identity) => new AuthorityClient(authorityUrl, authorityId, identity));
    authority.catch(() => authorities.delete(consumer));
    authorities.set(consumer, authority);
  }
  return authority;
}

/**
 * Who sent a message to the web app's DSP address, checked against the route's rule (callback-routes.ts):
 * a participant token for the web app, signed with the key of an active participant whose credential the
 * authority issued, with the role the rule asks for.
 */
export async function providerSender(consumer: DataspaceConsumer, request: Request, rule: RouteRule): Promise<{ ok: true; sender: VerifiedParticipant } | { ok: false; refusal: AccessRefusal }> {
  const settings = consumer.settings;
  const authority = await authorityOf(consumer);
  const access = await authorise(rule, (name) => request.headers.get(name) ?? undefined, {
    self: settings.participantId,
    authorityId: settings.authorityId,
    authorityJwks: () => authority.authorityJwks(),
    isActive: (p, jti) => authority.isActive(p, jti),
    replay,
  });
  if (!access.ok) return access;
  const sender = access.caller.participant;
  if (!sender) throw new Error('unreachable: callback rules admit participants only');
  return { ok: true, sender };
}
