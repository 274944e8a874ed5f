import type { TSignedInContext } from '@/server/api/trpc';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import type { DirectoryCredential } from '@/server/dataspace/consumer/authority-directory';
import type { TParticipantsOutput } from './participants.schema';

/** A credential that ends within this window is shown as expiring (they live 24 h and renew at 12 h). */
const EXPIRING_WITHIN_MS = 2 * 3600_000;
/** Enough history to see renewals, not the whole log. */
const CREDENTIALS_SHOWN = 5;

function credentialState(c: DirectoryCredential, now: number): 'valid' | 'expiring' | 'expired' | 'revoked' {
  if (c.revokedAt) return 'revoked';
  const expires = new Date(c.expiresAt).getTime();
  if (expires <= now) return 'expired';
  return expires - now < EXPIRING_WITHIN_MS ? 'expiring' : 'valid';
}

const iso = (v: string | null) => (v ? new Date(v).toISOString() : null);

/** The participant registry and each participant's latest credentials, as the authority states them. */
export async function participantsHandler({ ctx }: { ctx: TSignedInContext }): Promise<TParticipantsOutput> {
  const consumer = dataspaceConsumer(ctx.db);
  const directory = consumer.directory;
  try {
    const list = await directory.participants({ fresh: true });
    const now = Date.now();
    const identity = await consumer.identity.current();
    const participants = await Promise.all(
      list.map(async (p) => {
        const credentials = await directory.credentials(identity, p.id).catch(() => []);
        return {
          id: p.id,
          legalName: p.legalName,
          kind: p.kind,
          roles: p.roles,
          baseUrl: p.baseUrl,
          status: p.status,
          revokedAt: iso(p.revokedAt),
          revocationReason: p.revocationReason,
          credentials: credentials.slice(0, CREDENTIALS_SHOWN).map((c) => ({ jti: c.jti, issuedAt: new Date(c.issuedAt).toISOString(), expiresAt: new Date(c.expiresAt).toISOString(), revokedAt: iso(c.revokedAt), state: credentialState(c, now) })),
        };
      }),
    );
    return { authorityReachable: true, participants };
  } catch {
    return { authorityReachable: false, participants: [] };
  }
}
