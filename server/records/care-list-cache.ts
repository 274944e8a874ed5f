import type { TCareListRow } from './care-list-schema';

/**
 * How long a clinician's patient list is reused: 10 s, keyed by the clinician. Long enough to spare the
 * providers a fan-out per patient when the clinician goes back and forth between the list and a record;
 * short enough that a consent withdrawal shows in the list within 10 s. Only this list is cached: the
 * record page asks the providers on every read, so a withdrawal holds there on the very next read.
 */
export const CARE_LIST_TTL_MS = 10_000;
const MAX_ENTRIES = 1000;

const entries = new Map<string, { at: number; rows: Promise<TCareListRow[]> }>();

/**
 * The cached list of this clinician for exactly these patients, or a fresh one. The key holds the
 * patients in care (read from the app database on every call), so a care relationship that ends or
 * starts is seen at once. Concurrent callers share one fan-out; a failure is not kept.
 */
export function cachedCareList(clinicianId: string, nationalIds: readonly string[], load: () => Promise<TCareListRow[]>, now = Date.now()): Promise<TCareListRow[]> {
  const key = `${clinicianId}|${[...nationalIds].sort().join(',')}`;
  const hit = entries.get(key);
  if (hit && now - hit.at < CARE_LIST_TTL_MS) return hit.rows;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  const rows = load();
  entries.set(key, { at: now, rows });
  rows.catch(() => entries.delete(key));
  return rows;
}
