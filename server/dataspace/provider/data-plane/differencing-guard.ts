import { K_ANONYMITY } from '@/server/fhir/disclosure-control';

/**
 * Differencing protection for cohort statistics (the attack: ask for cohort A, then A minus one person,
 * and subtract). The provider remembers, per requester, the member sets of the cohorts it has answered;
 * a new answer whose cohort differs from a remembered one by 1 to k − 1 people (symmetric difference)
 * is refused. Identical cohorts may be asked again. Memory only (a restart forgets; bounded per requester).
 */
export class DifferencingGuard {
  private readonly seen = new Map<string, Array<ReadonlySet<string>>>();

  constructor(
    private readonly k = K_ANONYMITY,
    private readonly keepPerRequester = 500,
  ) {}

  /** The smallest non-zero difference between `cohorts` and what `requester` was answered before, if it is under k. */
  tooClose(requester: string, cohorts: ReadonlyArray<ReadonlySet<string>>): number | null {
    const previous = this.seen.get(requester) ?? [];
    let closest: number | null = null;
    for (const cohort of cohorts) {
      for (const before of previous) {
        if (Math.abs(cohort.size - before.size) >= this.k) continue;
        let diff = 0;
        for (const p of cohort) if (!before.has(p) && ++diff >= this.k) break;
        if (diff < this.k) for (const p of before) if (!cohort.has(p) && ++diff >= this.k) break;
        if (diff > 0 && diff < this.k && (closest === null || diff < closest)) closest = diff;
      }
    }
    return closest;
  }

  remember(requester: string, cohorts: ReadonlyArray<ReadonlySet<string>>): void {
    const list = this.seen.get(requester) ?? [];
    for (const c of cohorts) if (c.size > 0 && !list.some((b) => b.size === c.size && [...c].every((p) => b.has(p)))) list.push(c);
    this.seen.set(requester, list.slice(-this.keepPerRequester));
  }
}
