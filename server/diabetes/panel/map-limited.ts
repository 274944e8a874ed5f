/**
 * `fn` over `items` with at most `limit` running at once, results in input order. The panel reads one
 * patient per fan-out: all at once, a large panel would send every provider hundreds of searches in
 * the same instant, time out, and open its circuit breaker for the pages that follow.
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
