import type { ConsentLease, PdpDecision } from '@/server/dataspace/runtime/authority-client';

export interface DecisionQuestion {
  patient: string;
  purpose: string;
  /** The participant asking (its credential must be active). */
  consumer: string;
  /** The professional's own organisation (from the signed practitioner assertion): what consent rules name. */
  organisation: string;
  professional?: string;
  categories: readonly string[];
}

interface Entry {
  decision: PdpDecision;
  /** Monotonic time (performance.now()) after which the decision may change by itself (a rule's validity starts or ends). */
  until: number;
}

/** Margin kept off every lease and validity bound, for the time the answer took to arrive. */
const SAFETY_MS = 1000;
const MAX_ENTRIES = 20_000;

/**
 * The provider's memory of the authority's consent decisions, with push invalidation (issue 3: "never
 * cached past a withdrawal"). It answers from memory only while it holds a lease from the authority:
 * while a lease runs, the authority sends every consent change to this provider and waits for its
 * acknowledgement before the change is confirmed to whoever made it; a provider that does not
 * acknowledge is waited out (its lease ends, after which it asks the authority again) and told to forget
 * everything when it renews. So a withdrawal confirmed to the patient holds on this provider's very next
 * request, and a provider cut off from the authority stops answering from memory within one lease.
 *
 * Lease and validity times are measured here, on this process's monotonic clock, from the moment the
 * question was sent, so no clock has to agree with the authority's.
 */
export class ConsentDecisionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly keysByPatient = new Map<string, Set<string>>();
  private leaseUntil = 0;
  /** Bumped by every invalidation: an answer asked before one must not be kept after it. */
  private generation = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Whether decisions are answered from memory now. */
  get leased(): boolean {
    return this.now() < this.leaseUntil;
  }

  /** The decision, from memory while the lease runs, else from `ask` (the authority's PDP). */
  async decide(question: DecisionQuestion, ask: () => Promise<PdpDecision>): Promise<PdpDecision> {
    const key = keyOf(question);
    const now = this.now();
    const cached = this.entries.get(key);
    if (cached && now < this.leaseUntil && now < cached.until) return cached.decision;
    const generation = this.generation;
    const decision = await ask();
    // A revoked organisation is not kept: its reinstatement is not a consent change and sends nothing.
    const keepable = !decision.basis.includes('organisation-not-active');
    const until = decision.cacheUntilMs === undefined ? Infinity : now + decision.cacheUntilMs - SAFETY_MS;
    if (keepable && generation === this.generation && now < this.leaseUntil && until > now) this.remember(key, question.patient, { decision, until });
    return decision;
  }

  /** A consent change at the authority: forget the decisions about these people (or everyone's). */
  invalidate(scope: { patients: readonly string[] } | 'all'): void {
    this.generation += 1;
    if (scope === 'all') {
      this.entries.clear();
      this.keysByPatient.clear();
      return;
    }
    for (const patient of scope.patients) {
      for (const key of this.keysByPatient.get(patient) ?? []) this.entries.delete(key);
      this.keysByPatient.delete(patient);
    }
  }

  /**
   * Renews the lease through `request` (the authority's subscription endpoint). A lease that had already
   * ended here, or a `flush` from the authority, means invalidations may have been missed: forget all.
   */
  async renew(request: () => Promise<ConsentLease>): Promise<ConsentLease> {
    const sentAt = this.now();
    const lapsed = sentAt >= this.leaseUntil;
    const lease = await request();
    if (lease.flush || lapsed) this.invalidate('all');
    this.leaseUntil = sentAt + lease.leaseSeconds * 1000 - SAFETY_MS;
    return lease;
  }

  /** The lease could not be renewed: stop answering from memory at once rather than at its end. */
  drop(): void {
    this.leaseUntil = 0;
    this.invalidate('all');
  }

  /**
   * Takes the lease now and renews it at a third of its length (retrying every second after a failure,
   * during which decisions are asked of the authority each time). `onError` hears the first failure of
   * a run of failures, not every retry. Returns a stop function.
   */
  keepLease(request: () => Promise<ConsentLease>, onError: (error: Error) => void = () => undefined): () => void {
    let timer: NodeJS.Timeout | null = null;
    let stopped = false;
    let failing = false;
    const round = async () => {
      let next = 1000;
      try {
        const started = this.now();
        const lease = await this.renew(request);
        next = Math.max(100, (lease.leaseSeconds * 1000) / 3 - (this.now() - started));
        failing = false;
      } catch (error) {
        this.drop();
        if (!failing) onError(error as Error);
        failing = true;
      }
      if (!stopped) {
        timer = setTimeout(() => void round(), next);
        timer.unref();
      }
    };
    void round();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }

  private remember(key: string, patient: string, entry: Entry): void {
    if (this.entries.size >= MAX_ENTRIES) this.invalidate('all');
    this.entries.set(key, entry);
    let keys = this.keysByPatient.get(patient);
    if (!keys) this.keysByPatient.set(patient, (keys = new Set()));
    keys.add(key);
  }
}

function keyOf(q: DecisionQuestion): string {
  return JSON.stringify([q.patient, q.purpose, q.consumer, q.organisation, q.professional ?? null, [...q.categories].sort()]);
}
