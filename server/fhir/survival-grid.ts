import { K_ANONYMITY } from './disclosure-control';

/** One person's time from the origin (months) to the event, or to the last follow-up when `event` is false. */
export interface TimeToEvent {
  months: number;
  event: boolean;
}

/** A published step: at `month`, `events` events and `censored` censorings, each 0 or ≥ k. */
export interface GridStep {
  month: number;
  events: number;
  censored: number;
}

/**
 * Survival counts on a month grid, safe to publish and to pool across providers: every count is 0 or ≥ k,
 * and so is every difference between published counts. `total` people entered; the last
 * `total − Σ(events + censored)` (0 or ≥ k) are still followed past the last step, and no more is said of them.
 */
export interface GridTable {
  gridMonths: number;
  total: number;
  steps: GridStep[];
}

/**
 * Counts of times-to-event on a grid of `gridMonths`, with disclosure control by merging steps (global
 * recoding, as the provider's life table does): an event at t counts at the grid point at or after t,
 * a censoring at the grid point at or before t (so nobody is counted at risk after they left). A step
 * is published only when its events and its censorings are each 0 or ≥ k and the people still at risk
 * after it are 0 or ≥ k; otherwise its counts move on to the next grid point. What never becomes
 * publishable (the tail) is withheld. Under k people in all: nothing is published but the fact.
 */
export function survivalGrid(people: readonly TimeToEvent[], gridMonths: number, k = K_ANONYMITY): GridTable | null {
  if (people.length < k) return null;
  const at = new Map<number, { events: number; censored: number }>();
  for (const p of people) {
    const month = p.event ? Math.max(1, Math.ceil(p.months / gridMonths)) * gridMonths : Math.floor(p.months / gridMonths) * gridMonths;
    const cell = at.get(month) ?? { events: 0, censored: 0 };
    if (p.event) cell.events += 1;
    else cell.censored += 1;
    at.set(month, cell);
  }
  const small = (n: number) => n > 0 && n < k;
  const steps: GridStep[] = [];
  let remaining = people.length;
  let pending = { events: 0, censored: 0 };
  for (const month of [...at.keys()].sort((a, b) => a - b)) {
    const cell = at.get(month) ?? { events: 0, censored: 0 };
    pending = { events: pending.events + cell.events, censored: pending.censored + cell.censored };
    const after = remaining - pending.events - pending.censored;
    if (small(pending.events) || small(pending.censored) || small(after)) continue;
    steps.push({ month, ...pending });
    remaining = after;
    pending = { events: 0, censored: 0 };
  }
  return { gridMonths, total: people.length, steps };
}
