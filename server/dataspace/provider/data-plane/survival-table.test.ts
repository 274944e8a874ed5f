import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUPPRESSED } from '@/server/fhir/disclosure-control';
import { lifeTable, type FollowUp } from './survival-table';

const people = (spec: Array<[months: number, event: boolean, count: number]>): FollowUp[] => spec.flatMap(([months, event, count]) => Array.from({ length: count }, () => ({ months, event })));

describe('lifeTable', () => {
  it('computes the actuarial estimate where no cell is small', () => {
    const t = lifeTable(people([[2, true, 10], [4, false, 10], [8, true, 20], [10, false, 20]]), 6);
    expect(t[0]).toMatchObject({ fromMonth: 0, toMonth: 6, atRisk: 60, events: 10, censored: 10 });
    // n' = 60 − 10/2 = 55; S = 1 − 10/55
    expect(t[0]?.survival).toBeCloseTo(1 - 10 / 55, 3);
    expect(t[1]).toMatchObject({ fromMonth: 6, atRisk: 40, events: 20, censored: 20 });
  });

  it('widens an interval instead of publishing a count between 1 and 4', () => {
    const t = lifeTable(people([[1, true, 2], [7, true, 8], [20, false, 30]]), 6);
    expect(t[0]).toMatchObject({ fromMonth: 0, toMonth: 12, atRisk: 40, events: 10, censored: 0 });
  });

  it('publishes nothing below the minimum number of records', () => {
    expect(lifeTable(people([[3, true, 9]]), 6)).toEqual([]);
  });

  it('never publishes, or lets anyone derive, a count between 1 and k − 1 (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ months: fc.double({ min: 0, max: 40, noNaN: true }), event: fc.boolean() }), { minLength: 10, maxLength: 120 }), fc.constantFrom(3, 6, 12), (followUps, width) => {
        const t = lifeTable(followUps, width);
        const small = (n: number) => n > 0 && n < 5;
        t.forEach((row, i) => {
          expect(small(row.atRisk)).toBe(false);
          if (row.events !== SUPPRESSED) expect(small(row.events)).toBe(false);
          if (row.censored !== SUPPRESSED) expect(small(row.censored)).toBe(false);
          // hidden counts are hidden together
          expect(row.events === SUPPRESSED).toBe(row.censored === SUPPRESSED);
          const next = t[i + 1];
          if (next) {
            expect(small(row.atRisk - next.atRisk)).toBe(false);
            expect(row.atRisk - next.atRisk).toBe((row.events as number) + (row.censored as number));
          }
        });
        // everyone is accounted for
        expect(t[0]?.atRisk).toBe(followUps.length);
      }),
      { numRuns: 500 },
    );
  });
});
