import { describe, expect, it } from 'vitest';
import { forwardBackoffMs } from './access-audit';

describe('forwardBackoffMs', () => {
  it('doubles from 1 s and stops at 5 min, within ±20 % jitter', () => {
    expect(forwardBackoffMs(1, () => 0.5)).toBe(1000);
    expect(forwardBackoffMs(2, () => 0.5)).toBe(2000);
    expect(forwardBackoffMs(4, () => 0.5)).toBe(8000);
    expect(forwardBackoffMs(30, () => 0.5)).toBe(300_000);
    expect(forwardBackoffMs(3, () => 0)).toBe(3200);
    expect(forwardBackoffMs(3, () => 0.999999)).toBe(4800);
  });
});
