/**
 * Answers a participant keeps in memory between its own writes. The authority keeps registry answers
 * (is this credential active, is this organisation active) and each person's consent rules; a provider
 * keeps the state of its transfer processes and which Patient an identifier names. Each is the only writer of those tables (all writes go
 * through its own endpoints), and every such write calls `changed()` once committed, before it
 * answers. So a revocation, a withdrawal or a suspended transfer counts from the very next call, as
 * without a cache, while a read costs no query. (A second process writing the same database would break
 * this; each participant runs as one process.)
 *
 * The generation guards the one race: a lookup that started before a write and finishes after it must
 * not store the old answer, so an answer is stored only if no write happened while it was read.
 */
export class SoleWriterCache<V> {
  private generation = 0;
  private readonly values = new Map<string, V>();

  constructor(private readonly maxEntries = 10_000) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    if (this.values.has(key)) return this.values.get(key) as V;
    const started = this.generation;
    const value = await load();
    if (started === this.generation) {
      if (this.values.size >= this.maxEntries) this.values.clear();
      this.values.set(key, value);
    }
    return value;
  }

  /** A write committed: forget every answer. */
  changed(): void {
    this.generation += 1;
    this.values.clear();
  }
}

/** One SoleWriterCache per database (a process may open several, e.g. in tests), created on first use. */
export function soleWriterCachePerDatabase<V>(): (db: object) => SoleWriterCache<V> {
  const caches = new WeakMap<object, SoleWriterCache<V>>();
  return (db) => {
    let cache = caches.get(db);
    if (!cache) caches.set(db, (cache = new SoleWriterCache<V>()));
    return cache;
  };
}
