import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { issuedCredential, registryParticipant } from '@/db/participant/schema/registry';
import type { ParticipantKeyPair } from '@/server/dataspace/protocol/participant-keys';
import type { SoleWriterCache } from '@/db/sole-writer-cache';
import type { ConsentSubscriptions } from './consent-subscriptions';

/** Registry answers kept between registry writes: credential activity (boolean) and participant status (or null when unknown). */
export type RegistryCache = SoleWriterCache<boolean | string | null>;

/** What the authority's services share: its identity, database, the registry cache and the providers' consent leases. */
export interface AuthorityContext {
  id: string;
  db: Database;
  key: ParticipantKeyPair;
  operatorToken: string;
  /** Registry answers between the registry's own writes; each write calls registry.changed() once committed. */
  registry: RegistryCache;
  isActive: (participantId: string, credentialJti: string) => Promise<boolean>;
  /** Pushes consent changes to the providers holding a lease and waits until each holds them. */
  subscriptions: ConsentSubscriptions;
}

/** Whether a participant is active and this credential of it not revoked, from memory between registry writes. */
export function registryStatus(db: Database, registry: RegistryCache) {
  const inDb = async (participantId: string, credentialJti: string): Promise<boolean> => {
    const [row] = await db
      .select({ status: registryParticipant.status, revokedAt: issuedCredential.revokedAt })
      .from(issuedCredential)
      .innerJoin(registryParticipant, eq(registryParticipant.id, issuedCredential.participantId))
      .where(and(eq(issuedCredential.jti, credentialJti), eq(issuedCredential.participantId, participantId)));
    return row?.status === 'active' && row.revokedAt === null;
  };
  return (participantId: string, credentialJti: string): Promise<boolean> => registry.get(`credential|${participantId}|${credentialJti}`, () => inDb(participantId, credentialJti)).then((v) => v === true);
}
