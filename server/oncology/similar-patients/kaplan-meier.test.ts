import { describe, expect, it } from 'vitest';
import { kaplanMeier } from './kaplan-meier';

describe('kaplanMeier with Greenwood intervals', () => {
  it('matches a hand-computed example', () => {
    // 10 people. Month 3: 2 events, 1 censored. Month 6: 1 event. Month 9: 0 events, 7 − 1 = 6 censored.
    //   S(3) = 1 − 2/10 = 0.8;           Greenwood Σ = 2/(10·8) = 0.025;          SE = 0.8·√0.025 = 0.126491
    //   S(6) = 0.8 · (1 − 1/7) = 0.685714; Σ = 0.025 + 1/(7·6) = 0.048810;          SE = 0.685714·√0.048810 = 0.151495
    const km = kaplanMeier(10, [
      { month: 3, events: 2, censored: 1 },
      { month: 6, events: 1, censored: 0 },
      { month: 9, events: 0, censored: 6 },
    ]);
    expect(km.map((p) => [p.month, p.atRisk, p.survival])).toEqual([
      [3, 10, 0.8],
      [6, 7, 0.6857],
      [9, 6, 0.6857],
    ]);
    expect(km[0]?.lower).toBeCloseTo(0.8 - 1.959964 * 0.126491, 3);
    expect(km[0]?.upper).toBe(1); // 1.0479 clipped
    expect(km[1]?.lower).toBeCloseTo(0.685714 - 1.959964 * 0.151495, 3);
    expect(km[1]?.upper).toBeCloseTo(0.685714 + 1.959964 * 0.151495, 3);
  });

  it('stops drawing when fewer than five are at risk', () => {
    const km = kaplanMeier(12, [
      { month: 3, events: 5, censored: 0 },
      { month: 6, events: 0, censored: 5 },
      { month: 9, events: 2, censored: 0 },
    ]);
    expect(km.map((p) => p.month)).toEqual([3, 6]);
  });
});
