/**
 * One breaker per provider: after `threshold` consecutive failures it opens and requests fail at once
 * (no 2 s wait per page) until `cooldownMs` has passed; then one trial request is let through
 * (half-open) and its outcome closes or re-opens it. So a provider that comes back is used again by the
 * next request after the cooldown, without restarting anything.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(
    private readonly threshold = 2,
    private readonly cooldownMs = 3000,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  /** May a request go out now? In half-open, only one at a time. */
  allow(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openedAt = null;
    this.trialInFlight = false;
  }

  failure(): void {
    this.failures += 1;
    this.trialInFlight = false;
    if (this.openedAt !== null || this.failures >= this.threshold) this.openedAt = this.now();
  }

  /** The request let through ended without saying anything about the provider's health (e.g. a refusal). */
  neutral(): void {
    this.trialInFlight = false;
  }
}
