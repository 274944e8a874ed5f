import type { GridStep, GridTable } from '@/server/fhir/survival-grid';

/**
 * Pools providers' grid tables of one endpoint into one by adding their published steps month by month:
 * every pooled count is a sum of counts that are each 0 or ≥ k, so it is 0 or ≥ k too, and nothing
 * unpublished is used. A provider's merged-on counts keep its people at risk until its next step, as its
 * own table does. Past the earliest last step of any provider the pooled curve stops, because what that
 * provider withheld there (its tail) is unknown. Needs the same grid everywhere.
 */
export function poolGrids(tables: readonly GridTable[]): { total: number; steps: GridStep[] } {
  if (tables.length === 0) return { total: 0, steps: [] };
  if (new Set(tables.map((t) => t.gridMonths)).size > 1) throw new Error('grid tables on different grids cannot be pooled');
  const horizon = Math.min(...tables.map((t) => t.steps.at(-1)?.month ?? 0));
  const byMonth = new Map<number, GridStep>();
  for (const t of tables)
    for (const s of t.steps) {
      if (s.month > horizon) continue;
      const cell = byMonth.get(s.month) ?? { month: s.month, events: 0, censored: 0 };
      cell.events += s.events;
      cell.censored += s.censored;
      byMonth.set(s.month, cell);
    }
  return { total: tables.reduce((a, t) => a + t.total, 0), steps: [...byMonth.values()].sort((a, b) => a.month - b.month) };
}
