import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { participantSetting } from '@/db/participant/schema/participant-identity';

/** A participant's named setting (seeding markers, deferred index definitions), or null when never written. */
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
