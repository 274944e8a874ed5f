import { createRandom } from '@/server/synthetic/digital-twins/random';

/** Small statistics helpers for the evaluation; bootstrap resampling is seeded so metrics are reproducible. */
export const mean = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] ?? 0;
  return xs.length === 0 ? NaN : s / xs.length;
};

export function rmse(predicted: ArrayLike<number>, truth: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < predicted.length; i++) s += ((predicted[i] ?? 0) - (truth[i] ?? 0)) ** 2;
  return Math.sqrt(s / predicted.length);
}

/** Ordinary least squares of y on x: calibration slope and intercept when x = predicted, y = true. */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>): { slope: number; intercept: number } {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = (x[i] ?? 0) - mx;
    sxy += dx * ((y[i] ?? 0) - my);
    sxx += dx * dx;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

export interface Interval {
  estimate: number;
  ci95: [number, number];
}

/**
 * Percentile bootstrap over patients: `statistic` gets resampled row indices and returns a number.
 */
export function bootstrap(n: number, statistic: (rows: Int32Array) => number, resamples: number, seed: number): Interval {
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const estimate = statistic(all);
  const rng = createRandom(seed, 0xb007);
  const values = new Float64Array(resamples);
  const rows = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) rows[i] = Math.floor(rng.uniform() * n);
    values[b] = statistic(rows);
  }
  values.sort();
  const at = (q: number): number => values[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))] ?? NaN;
  return { estimate, ci95: [at(0.025), at(0.975)] };
}

export const round = (x: number, digits = 3): number => Number(x.toFixed(digits));
