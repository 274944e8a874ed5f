import { lt, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { cdsClientTokens } from '@/db/app/schema/cds-hooks';

/** Remembers the jti of accepted CDS client JWTs until they expire; `remember` is false for a replay. */
export interface JtiStore {
  remember(issuer: string, jti: string, expiresAt: Date): Promise<boolean>;
}

const PRUNE_EVERY_MS = 60_000;

/**
 * In the app DB so replicas agree: the primary key (issuer, jti) makes the second insert of a pair do
 * nothing, atomically, whichever replica it reaches. Expired rows are pruned at most once a minute.
 */
export function dbJtiStore(db: Database): JtiStore {
  let lastPrune = 0;
  return {
    async remember(issuer, jti, expiresAt) {
      if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = Date.now();
        await db.delete(cdsClientTokens).where(lt(cdsClientTokens.expiresAt, sql`now()`));
      }
      const inserted = await db.insert(cdsClientTokens).values({ issuer, jti, expiresAt }).onConflictDoNothing().returning({ jti: cdsClientTokens.jti });
      return inserted.length === 1;
    },
  };
}
