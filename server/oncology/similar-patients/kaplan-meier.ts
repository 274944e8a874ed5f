import type { GridStep } from '@/server/fhir/survival-grid';

/** One step of a Kaplan–Meier curve with its Greenwood 95 % interval and the number at risk just before it. */
export interface TKmPoint {
  month: number;
  atRisk: number;
  events: number;
  censored: number;
  survival: number;
  lower: number;
  upper: number;
}

const Z95 = 1.959964;
const round = (x: number) => Math.round(x * 10000) / 10000;

/**
 * Kaplan–Meier product-limit estimate (Kaplan & Meier, JASA 1958) over grouped steps, events before
 * censorings at a tie, with Greenwood's variance (Greenwood 1926): Var S(t) = S(t)² Σ d/(n(n−d)), and a
 * 95 % interval S ± 1.96·SE clipped to [0, 1]. Steps are drawn only while at least `minAtRisk` are at risk.
 */
export function kaplanMeier(total: number, steps: readonly GridStep[], minAtRisk = 5): TKmPoint[] {
  const out: TKmPoint[] = [];
  let atRisk = total;
  let survival = 1;
  let greenwood = 0;
  for (const s of [...steps].sort((a, b) => a.month - b.month)) {
    if (atRisk < minAtRisk) break;
    if (s.events > 0) {
      survival *= 1 - s.events / atRisk;
      greenwood += atRisk > s.events ? s.events / (atRisk * (atRisk - s.events)) : Infinity;
    }
    const se = Number.isFinite(greenwood) ? survival * Math.sqrt(greenwood) : 0;
    out.push({ month: s.month, atRisk, events: s.events, censored: s.censored, survival: round(survival), lower: round(Math.max(0, survival - Z95 * se)), upper: round(Math.min(1, survival + Z95 * se)) });
    atRisk -= s.events + s.censored;
  }
  return out;
}
