import type { ConsentLease } from '@/server/dataspace/runtime/authority-client';

export type InvalidationScope = { patients: string[] } | 'all';

export interface ConsentSubscriptionOptions {
  /** How long a lease runs; providers renew it at a third of that. */
  leaseSeconds: number;
  /** Sends an invalidation to one provider; resolves when the provider acknowledged it, rejects (soon: it has a timeout) when it did not. */
  send: (providerId: string, scope: InvalidationScope) => Promise<void>;
  /**
   * Where the leases outlive a restart: a lease granted just before the authority stopped still runs at
   * its provider, so the next run must still push changes to it (and wait it out if it does not answer).
   */
  store: { load: () => Promise<Record<string, number>>; save: (leases: Record<string, number>) => Promise<void> };
  /** Wall-clock milliseconds (the stored lease ends must mean the same after a restart). */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface InvalidationResult {
  acknowledged: string[];
  /** Providers that did not acknowledge: the change was confirmed only once their lease had ended. */
  waitedOut: string[];
  /** For each of those, when its lease ended (epoch ms): from then on it could only ask afresh. */
  leaseEnds: Record<string, number>;
}

/**
 * The authority's side of the providers' consent-decision caches (ConsentDecisionCache). A provider
 * may answer from memory only under a lease; every consent change is pushed to every provider holding
 * one, and the change is confirmed to its author only when each has acknowledged it or its lease has
 * ended. A provider that missed an invalidation is told to forget everything when it renews.
 */
export class ConsentSubscriptions {
  private readonly leases = new Map<string, number>();
  private readonly missed = new Set<string>();
  private loaded: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ConsentSubscriptionOptions) {
    this.now = options.now ?? (() => Date.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** The leases of earlier runs, read once. */
  private load(): Promise<void> {
    this.loaded ??= this.options.store.load().then((stored) => {
      for (const [id, until] of Object.entries(stored)) if (!this.leases.has(id)) this.leases.set(id, until);
    });
    return this.loaded;
  }

  /** Grants or renews `providerId`'s lease (stored before it is granted). */
  async renew(providerId: string): Promise<ConsentLease> {
    await this.load();
    const now = this.now();
    const previous = this.leases.get(providerId);
    const until = now + this.options.leaseSeconds * 1000;
    const leases = Object.fromEntries([...this.leases].filter(([, end]) => end > now));
    leases[providerId] = until;
    await this.options.store.save(leases);
    this.leases.set(providerId, until);
    // An ended lease means invalidations were not sent to it meanwhile; a missed one, that one failed
    // (checked after the save: an invalidation may have failed meanwhile).
    const flush = this.missed.delete(providerId) || previous === undefined || previous <= now;
    return { leaseSeconds: this.options.leaseSeconds, flush };
  }

  /**
   * Pushes a consent change to every provider that may answer from memory, and resolves once the change
   * holds everywhere: each acknowledged it, or its lease has ended.
   */
  async invalidate(scope: InvalidationScope): Promise<InvalidationResult> {
    await this.load();
    const now = this.now();
    const holders = new Map<string, number>();
    for (const [id, until] of this.leases) if (until > now) holders.set(id, until);
    const results = await Promise.all(
      [...holders].map(async ([id, until]) => {
        try {
          await this.options.send(id, scope);
          return { id, staleUntil: null };
        } catch {
          // From here on, its renewals carry a flush, so only the lease it holds now can be stale.
          this.missed.add(id);
          return { id, staleUntil: Math.max(until, this.leases.get(id) ?? 0) };
        }
      }),
    );
    const waitedOut = results.filter((r) => r.staleUntil !== null).map((r) => r.id);
    const staleUntil = Math.max(0, ...results.map((r) => r.staleUntil ?? 0));
    // A provider that did not acknowledge may answer from memory until that lease ends: wait it out.
    for (let wait = staleUntil - this.now(); wait > 0; wait = staleUntil - this.now()) await this.sleep(wait);
    const leaseEnds = Object.fromEntries(results.flatMap((r) => (r.staleUntil === null ? [] : [[r.id, r.staleUntil] as const])));
    return { acknowledged: results.filter((r) => r.staleUntil === null).map((r) => r.id), waitedOut, leaseEnds };
  }
}
