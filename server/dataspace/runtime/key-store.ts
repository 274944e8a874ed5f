import type { Database } from '@/db/client';
import { participantKey } from '@/db/participant/schema/participant-identity';
import { generateParticipantKeyPair, type ParticipantKeyPair } from '@/server/dataspace/protocol/participant-keys';
import type { JWK } from 'jose';

/** Loads the participant's key pair, creating it on first start (so a restart keeps its identity). */
export async function loadOrCreateKey(db: Database): Promise<ParticipantKeyPair> {
  const [row] = await db.select().from(participantKey).limit(1);
  if (row) return { kid: row.kid, privateJwk: row.privateJwk as JWK, publicJwk: row.publicJwk as JWK };
  const pair = await generateParticipantKeyPair();
  await db.insert(participantKey).values({ kid: pair.kid, privateJwk: pair.privateJwk, publicJwk: pair.publicJwk }).onConflictDoNothing();
  return pair;
}
