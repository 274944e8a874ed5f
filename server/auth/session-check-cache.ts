import type { Database } from '@/db/client';
import { checkSession, SESSION_LIMITS, type SessionClaims, type TSessionCheck } from './session-policy';

/**
 * How long a replica may answer "this session still stands" from memory. Every request checks its
 * session, and the database round trip was most of the cost of a protected read (see bench/protected-read.ts);
 * with this, one busy session costs one lookup per interval instead of one per request.
 * What it means for revocation: the replica that serves a sign-out, a "sign out everywhere" or the
 * disabling of an account forgets its entries for that user at once (forgetSessionChecks), so there the
 * change holds on the very next request; another replica (several behind a load balancer, on PostgreSQL)
 * may accept the ended session for at most this long. A refusal is never kept: it is final anyway.
 */
export const SESSION_CHECK_TTL_MS = 2000;

interface Entry {
  until: number;
  userId: string;
}

// Next.js may evaluate this module in more than one bundle (the auth route, the tRPC route, pages), and
// a sign-out in one must be seen by the others: the cache lives on globalThis, one per database.
const holder = globalThis as typeof globalThis & { __d4hSessionChecks?: WeakMap<Database, Map<string, Entry>> };
const caches = (holder.__d4hSessionChecks ??= new WeakMap());

function cacheOf(db: Database): Map<string, Entry> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

/** checkSession, answered from memory for SESSION_CHECK_TTL_MS after the database last said yes. */
export async function checkSessionCached(db: Database, claims: SessionClaims, now = Date.now()): Promise<TSessionCheck> {
  const cache = cacheOf(db);
  const key = `${claims.uid}:${claims.sid}:${claims.sv}`;
  const hit = cache.get(key);
  if (hit && hit.until > now && now / 1000 - claims.authTime <= SESSION_LIMITS.absoluteSeconds) return { valid: true };
  const check = await checkSession(db, claims, Math.floor(now / 1000));
  if (check.valid) {
    // Bounded: expired entries go once the map grows, so a flood of sessions cannot grow it for ever.
    if (cache.size >= 10_000) for (const [k, e] of cache) if (e.until <= now) cache.delete(k);
    cache.set(key, { until: now + SESSION_CHECK_TTL_MS, userId: claims.uid });
  } else cache.delete(key);
  return check;
}

/** Forgets every kept "still stands" of a user's sessions: call after anything that ends them. */
export function forgetSessionChecks(db: Database, userId: string): void {
  const cache = cacheOf(db);
  for (const [key, entry] of cache) if (entry.userId === userId) cache.delete(key);
}
