import { lt } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { seenToken } from '@/db/participant/schema/participant-identity';
import type { ReplayGuard } from '@/server/dataspace/protocol/replay-guard';

/** Replay guard in the participant database: the primary key makes the check atomic, and it survives restarts. */
export function dbReplayGuard(db: Database): ReplayGuard {
  let lastSweep = 0;
  return {
    async claim(jti, expiresAt) {
      const now = Date.now();
      if (now - lastSweep > 60_000) {
        lastSweep = now;
        await db.delete(seenToken).where(lt(seenToken.expiresAt, new Date(now - 60_000)));
      }
      const inserted = await db.insert(seenToken).values({ jti, expiresAt }).onConflictDoNothing().returning({ jti: seenToken.jti });
      return inserted.length === 1;
    },
  };
}
