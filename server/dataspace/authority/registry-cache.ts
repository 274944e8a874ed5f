/**
 * Registry answers (is this credential active, is this organisation active) kept in the authority's
 * memory between writes. Only the authority process writes its registry (enrolment, credential renewal,
 * revocation, all through its own endpoints), and every such write calls `changed()` once committed,
 * so a revocation counts from the very next call, as before, without two registry queries per call.
 *
 * The generation guards the one race: a lookup that started before a write and finishes after it must
 * not store the old answer, so an answer is stored only if no write happened while it was read.
 */
export class RegistryCache<V> {
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

  /** A registry write committed: forget every answer. */
  changed(): void {
    this.generation += 1;
    this.values.clear();
  }
}
