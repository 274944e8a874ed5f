/**
 * Small-cell suppression for federated statistics (CLINICAL.md: k = 5, OHDSI minCellCount, DataSHIELD).
 * Primary suppression hides every cell with 0 < n < k. Complementary suppression then hides further
 * cells so that no published margin (row, column or grand total) lets a hidden cell be recovered by
 * subtraction: in every line either nothing is hidden, or at least two cells are and together they hold
 * at least k records. Zero cells are shown (an empty category discloses nobody).
 */
export const K_ANONYMITY = 5;
export const SUPPRESSED = `<${K_ANONYMITY}` as const;
export type Cell = number | typeof SUPPRESSED;

/** Hides cells of one line until it is safe; returns 'stuck' when no visible cell is left to hide. */
function fixLine(values: readonly number[], hidden: boolean[], k: number): boolean | 'stuck' {
  let changed = false;
  const suppressedCount = () => hidden.filter(Boolean).length;
  const suppressedSum = () => values.reduce((s, v, i) => s + (hidden[i] ? v : 0), 0);
  while (suppressedCount() > 0 && (suppressedCount() === 1 || suppressedSum() < k)) {
    // Hide the smallest visible non-zero cell; a zero cell would not protect anything.
    let best = -1;
    values.forEach((v, i) => {
      if (!hidden[i] && v > 0 && (best === -1 || v < (values[best] ?? Infinity))) best = i;
    });
    if (best === -1) return 'stuck'; // nothing left to hide in this line: the caller hides its margin
    hidden[best] = true;
    changed = true;
  }
  return changed;
}

export interface SuppressedTable {
  cells: Cell[][];
  rowTotals: Cell[];
  columnTotals: Cell[];
  total: Cell;
}

/** Suppresses a two-way table of counts with its margins. A one-way distribution is a table with one row. */
export function suppressTable(counts: readonly (readonly number[])[], k = K_ANONYMITY): SuppressedTable {
  const rows = counts.length;
  const cols = counts[0]?.length ?? 0;
  if (counts.some((r) => r.length !== cols)) throw new Error('ragged table');
  const value = (r: number, c: number): number => counts[r]?.[c] ?? 0;
  const hidden = counts.map((row) => row.map((v) => v > 0 && v < k));
  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = Array.from({ length: cols }, (_, c) => counts.reduce((s, row) => s + (row[c] ?? 0), 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const hiddenRowTotal = rowTotals.map((t) => t > 0 && t < k);
  const hiddenColTotal = columnTotals.map((t) => t > 0 && t < k);
  // Repeat until stable: hiding a cell for a row can break its column, and the other way round.
  let changed = true;
  let guard = 0;
  let grandHidden = false;
  while (changed && guard < 1000) {
    changed = false;
    guard += 1;
    for (let r = 0; r < rows; r += 1) {
      const line = hidden[r];
      if (!line || hiddenRowTotal[r]) continue;
      const result = fixLine(counts[r] ?? [], line, k);
      if (result === 'stuck') hiddenRowTotal[r] = true;
      changed = result !== false || changed;
    }
    for (let c = 0; c < cols; c += 1) {
      if (hiddenColTotal[c]) continue;
      const line = hidden.map((row) => row[c] ?? false);
      const colValues = counts.map((row) => row[c] ?? 0);
      const result = fixLine(colValues, line, k);
      if (result === 'stuck') hiddenColTotal[c] = true;
      if (result !== false) {
        line.forEach((h, r) => {
          const row = hidden[r];
          if (row) row[c] = h;
        });
        changed = true;
      }
    }
    // The row totals form a line against the grand total too, and so do the column totals.
    // If even the margins cannot be made safe, the grand total goes too.
    let hideGrand = false;
    if (rows > 1) {
      const result = fixLine(rowTotals, hiddenRowTotal, k);
      hideGrand ||= result === 'stuck';
      changed = result !== false || changed;
    }
    if (cols > 1) {
      const result = fixLine(columnTotals, hiddenColTotal, k);
      hideGrand ||= result === 'stuck';
      changed = result !== false || changed;
    }
    if (hideGrand) grandHidden = true;
  }
  const hideAll = total > 0 && total < k;
  const totalHidden = hideAll || grandHidden;
  return {
    cells: counts.map((row, r) => row.map((v, c) => (hideAll || hidden[r]?.[c] ? SUPPRESSED : value(r, c)))),
    rowTotals: rowTotals.map((t, r) => (hideAll || hiddenRowTotal[r] ? SUPPRESSED : t)),
    columnTotals: columnTotals.map((t, c) => (hideAll || hiddenColTotal[c] ? SUPPRESSED : t)),
    total: totalHidden ? SUPPRESSED : total,
  };
}
