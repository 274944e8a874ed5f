import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { survivalGrid, type TimeToEvent } from './survival-grid';

const ev = (months: number): TimeToEvent => ({ months, event: true });
const cens = (months: number): TimeToEvent => ({ months, event: false });
const ok = (n: number) => n === 0 || n >= 5;

describe('survivalGrid', () => {
  it('publishes nothing for fewer than five people', () => {
    expect(survivalGrid([ev(1), ev(2), cens(3), ev(4)], 3)).toBeNull();
  });

  it('merges a step of fewer than five events into the next one', () => {
    // 12 people: 3 events by month 3 (too few), 3 more by month 6 → one step of 6 at month 6.
    const people = [ev(1), ev(2), ev(3), ev(4), ev(5), ev(6), ...Array.from({ length: 6 }, () => cens(20))];
    expect(survivalGrid(people, 3)).toEqual({ gridMonths: 3, total: 12, steps: [{ month: 6, events: 6, censored: 0 }, { month: 18, events: 0, censored: 6 }] });
  });

  it('withholds a tail that never becomes publishable', () => {
    const people = [...Array.from({ length: 5 }, () => ev(2)), ...Array.from({ length: 5 }, () => cens(7)), ev(10), cens(12)];
    const grid = survivalGrid(people, 3);
    // After the censorings at month 6 only 2 would remain: merged on; at month 12 one event: merged on, never published.
    expect(grid?.steps).toEqual([{ month: 3, events: 5, censored: 0 }]);
    expect(grid?.total).toBe(12);
  });

  it('never publishes a count, or a difference of at-risk numbers, between 1 and 4 (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ months: fc.double({ min: 0, max: 60, noNaN: true }), event: fc.boolean() }), { minLength: 0, maxLength: 80 }), fc.constantFrom(1, 3, 6), (people, grid) => {
        const table = survivalGrid(people, grid);
        if (!table) return people.length < 5;
        let atRisk = table.total;
        for (const s of table.steps) {
          if (!ok(s.events) || !ok(s.censored) || !ok(atRisk)) return false;
          atRisk -= s.events + s.censored;
        }
        return ok(atRisk);
      }),
      { numRuns: 500 },
    );
  });
});
