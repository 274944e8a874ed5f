import { describe, expect, it } from 'vitest';
import { SoleWriterCache } from './sole-writer-cache';

describe('SoleWriterCache', () => {
  it('answers from memory until a write, then reads again', async () => {
    const cache = new SoleWriterCache<boolean>();
    let reads = 0;
    let active = true;
    const load = async () => (reads += 1, active);
    expect(await cache.get('a', load)).toBe(true);
    expect(await cache.get('a', load)).toBe(true);
    expect(reads).toBe(1);
    active = false;
    cache.changed();
    expect(await cache.get('a', load)).toBe(false);
    expect(reads).toBe(2);
  });

  it('does not keep an answer read across a write (a revocation racing a lookup)', async () => {
    const cache = new SoleWriterCache<boolean>();
    let release: () => void = () => undefined;
    const slow = cache.get('a', () => new Promise<boolean>((resolve) => (release = () => resolve(true))));
    cache.changed(); // the revocation commits while the lookup is still reading the old row
    release();
    expect(await slow).toBe(true);
    expect(await cache.get('a', async () => false)).toBe(false);
  });
});
