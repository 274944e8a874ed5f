import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { participantKey, participantSetting } from '@/db/participant/schema/participant-identity';
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

export async function readSetting<T>(db: Database, key: string): Promise<T | null> {
  const [row] = await db.select().from(participantSetting).where(sql`${participantSetting.key} = ${key}`);
  return row ? (row.value as T) : null;
}

export async function writeSetting(db: Database, key: string, value: unknown): Promise<void> {
  await db
    .insert(participantSetting)
    .values({ key, value })
    .onConflictDoUpdate({ target: participantSetting.key, set: { value, updatedAt: new Date() } });
}
