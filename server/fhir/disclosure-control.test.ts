import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SUPPRESSED, suppressTable } from './disclosure-control';

/** Every line (row with its total, column with its total) either hides nothing or hides ≥ 2 cells holding ≥ k. */
function lineIsSafe(values: number[], shown: Array<number | string>, totalShown: boolean, k = 5): boolean {
  if (!totalShown) return true;
  const hiddenIdx = shown.map((s, i) => (s === SUPPRESSED ? i : -1)).filter((i) => i >= 0);
  if (hiddenIdx.length === 0) return true;
  const sum = hiddenIdx.reduce((s, i) => s + (values[i] ?? 0), 0);
  return hiddenIdx.length >= 2 && sum >= k;
}

describe('suppressTable', () => {
  it('hides cells below 5 and the complementary smallest cell in a one-way table', () => {
    const t = suppressTable([[3, 40, 12, 0]]);
    expect(t.cells[0]).toEqual([SUPPRESSED, 40, SUPPRESSED, 0]);
    expect(t.total).toBe(55);
  });

  it('keeps hiding until the hidden cells hold at least k records', () => {
    // 1 and 2 together are still < 5: a third cell must go.
    const t = suppressTable([[1, 2, 7, 30]]);
    expect(t.cells[0]).toEqual([SUPPRESSED, SUPPRESSED, SUPPRESSED, 30]);
  });

  it('shows everything when no cell is small', () => {
    expect(suppressTable([[5, 9, 0]]).cells[0]).toEqual([5, 9, 0]);
  });

  it('hides the whole table when the total is below k', () => {
    const t = suppressTable([[1, 2]]);
    expect(t.total).toBe(SUPPRESSED);
    expect(t.cells[0]).toEqual([SUPPRESSED, SUPPRESSED]);
  });

  it('a hidden cell cannot be derived from any published margin (property, two-way tables)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat(30), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }).filter((t) => t.every((r) => r.length === t[0]?.length)), (counts) => {
        const t = suppressTable(counts);
        for (let r = 0; r < counts.length; r += 1) {
          const row = counts[r] ?? [];
          row.forEach((v, c) => {
            // primary: nothing in (0, 5) is ever shown
            if (v > 0 && v < 5) expect(t.cells[r]?.[c]).toBe(SUPPRESSED);
          });
          expect(lineIsSafe(row, t.cells[r] ?? [], t.rowTotals[r] !== SUPPRESSED)).toBe(true);
        }
        const cols = counts[0]?.length ?? 0;
        for (let c = 0; c < cols; c += 1) {
          const values = counts.map((row) => row[c] ?? 0);
          const shown = t.cells.map((row) => row[c] ?? 0);
          expect(lineIsSafe(values, shown, t.columnTotals[c] !== SUPPRESSED)).toBe(true);
        }
        if (t.total !== SUPPRESSED && counts.length > 1) expect(lineIsSafe(counts.map((r) => r.reduce((a, b) => a + b, 0)), t.rowTotals, true)).toBe(true);
        const colTotals = Array.from({ length: cols }, (_, c) => counts.reduce((s, row) => s + (row[c] ?? 0), 0));
        if (t.total !== SUPPRESSED && cols > 1) expect(lineIsSafe(colTotals, t.columnTotals, true)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
