import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuit-breaker';

describe('CircuitBreaker', () => {
  it('opens after the threshold, lets one trial through after the cooldown, and closes on success', () => {
    let now = 0;
    const b = new CircuitBreaker(2, 1000, () => now);
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.state).toBe('closed');
    b.failure();
    expect(b.state).toBe('open');
    expect(b.allow()).toBe(false);
    now = 1000;
    expect(b.state).toBe('half-open');
    expect(b.allow()).toBe(true);
    expect(b.allow()).toBe(false);
    b.success();
    expect(b.state).toBe('closed');
    expect(b.allow()).toBe(true);
  });

  it('re-opens when the trial fails', () => {
    let now = 0;
    const b = new CircuitBreaker(1, 500, () => now);
    b.failure();
    now = 600;
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.state).toBe('open');
    now = 900;
    expect(b.allow()).toBe(false);
  });
});
