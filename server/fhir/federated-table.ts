import { SUPPRESSED, type Cell } from './disclosure-control';

/**
 * Combining per-site aggregate tables (each already suppressed at its provider) into one federated
 * table, with the site rule of federated statistics (DataSHIELD, vantage6, OHDSI network studies;
 * CLINICAL.md): a combined figure is released only when enough sites contributed, each with enough
 * records, so no single site's figures can be read off the total.
 *
 * A combined cell is the sum of the sites' cells; it is hidden when any site hid its part (it is then
 * not "< 5", only unknown, hence HIDDEN). That keeps each site's complementary suppression intact: a
 * site's hidden cells stay hidden together, and subtracting other sites' published cells recovers at
 * most the sum of that site's hidden cells in a line, which its own suppression already made ≥ k.
 */
export const MIN_CONTRIBUTING_SITES = 2;
export const HIDDEN = 'hidden' as const;
export type FederatedCell = number | typeof HIDDEN;

export interface SiteTable {
  site: string;
  rows: { values: string[] };
  columns: { values: string[] };
  cells: Cell[][];
  rowTotals: Cell[];
  columnTotals: Cell[];
  total: Cell;
  /** A number when the site had enough records to answer; its "<10" marker otherwise. */
  contributingRecords: number | string;
}

export interface FederatedTable {
  status: 'released' | 'too-few-sites';
  /** Sites that answered with enough records (only these are summed). */
  sites: string[];
  rows: string[];
  columns: string[];
  cells: FederatedCell[][];
  rowTotals: FederatedCell[];
  columnTotals: FederatedCell[];
  total: FederatedCell;
  contributingRecords: number | null;
}

const add = (a: FederatedCell, b: Cell | undefined): FederatedCell => (a === HIDDEN || b === SUPPRESSED ? HIDDEN : a + (b ?? 0));

/** Sums site tables by row and column label; refuses (status too-few-sites, no figures) below minSites. */
export function combineSiteTables(tables: readonly SiteTable[], minSites = MIN_CONTRIBUTING_SITES): FederatedTable {
  const contributing = tables.filter((t) => typeof t.contributingRecords === 'number');
  const rows = [...new Set(contributing.flatMap((t) => t.rows.values))].sort();
  const columns = [...new Set(contributing.flatMap((t) => t.columns.values))].sort();
  const sites = contributing.map((t) => t.site);
  if (contributing.length < minSites) {
    return { status: 'too-few-sites', sites, rows, columns, cells: rows.map(() => columns.map(() => HIDDEN)), rowTotals: rows.map(() => HIDDEN), columnTotals: columns.map(() => HIDDEN), total: HIDDEN, contributingRecords: null };
  }
  const cells: FederatedCell[][] = rows.map(() => columns.map(() => 0));
  const rowTotals: FederatedCell[] = rows.map(() => 0);
  const columnTotals: FederatedCell[] = columns.map(() => 0);
  let total: FederatedCell = 0;
  let records = 0;
  for (const t of contributing) {
    rows.forEach((row, r) => {
      const tr = t.rows.values.indexOf(row);
      columns.forEach((column, c) => {
        const tc = t.columns.values.indexOf(column);
        const line = cells[r];
        if (line && tr >= 0 && tc >= 0) line[c] = add(line[c] ?? 0, t.cells[tr]?.[tc]);
      });
      if (tr >= 0) rowTotals[r] = add(rowTotals[r] ?? 0, t.rowTotals[tr]);
    });
    columns.forEach((column, c) => {
      const tc = t.columns.values.indexOf(column);
      if (tc >= 0) columnTotals[c] = add(columnTotals[c] ?? 0, t.columnTotals[tc]);
    });
    total = add(total, t.total);
    records += Number(t.contributingRecords);
  }
  return { status: 'released', sites, rows, columns, cells, rowTotals, columnTotals, total, contributingRecords: records };
}
