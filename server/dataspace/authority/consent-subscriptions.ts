import type { ConsentLease } from '@/server/dataspace/runtime/authority-client';

export type InvalidationScope = { patients: string[] } | 'all';

export interface ConsentSubscriptionOptions {
  /** How long a lease runs; providers renew it at a third of that. */
  leaseSeconds: number;
  /** Sends an invalidation to one provider; resolves when the provider acknowledged it, rejects (soon: it has a timeout) when it did not. */
  send: (providerId: string, scope: InvalidationScope) => Promise<void>;
  /**
   * Providers that may hold a lease granted by an earlier run of the authority (leases live in memory):
   * until one lease length after this start, every consent change goes to them too.
   */
  providersBeforeStart: () => Promise<string[]>;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface InvalidationResult {
  acknowledged: string[];
  /** Providers that did not acknowledge: the change was confirmed only once their lease had ended. */
  waitedOut: string[];
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
  private readonly startedAt: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: ConsentSubscriptionOptions) {
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.startedAt = this.now();
  }

  /** Grants or renews `providerId`'s lease. */
  renew(providerId: string): ConsentLease {
    const now = this.now();
    const previous = this.leases.get(providerId);
    // An ended lease means invalidations were not sent to it meanwhile; a missed one, that one failed.
    const flush = this.missed.delete(providerId) || previous === undefined || previous <= now;
    this.leases.set(providerId, now + this.options.leaseSeconds * 1000);
    return { leaseSeconds: this.options.leaseSeconds, flush };
  }

  /**
   * Pushes a consent change to every provider that may answer from memory, and resolves once the change
   * holds everywhere: each acknowledged it, or its lease has ended.
   */
  async invalidate(scope: InvalidationScope): Promise<InvalidationResult> {
    const now = this.now();
    const leaseMs = this.options.leaseSeconds * 1000;
    const holders = new Map<string, number>();
    for (const [id, until] of this.leases) if (until > now) holders.set(id, until);
    if (now < this.startedAt + leaseMs) {
      for (const id of await this.options.providersBeforeStart()) holders.set(id, Math.max(holders.get(id) ?? 0, this.startedAt + leaseMs));
    }
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
    return { acknowledged: results.filter((r) => r.staleUntil === null).map((r) => r.id), waitedOut };
  }
}
