import type { GridStep, GridTable } from '@/server/fhir/survival-grid';

/**
 * Pools providers' grid tables of one endpoint into one: steps at the months every provider published
 * (each provider's counts between two such months move to the later one, as its own merging does), so
 * every pooled count is a sum of counts that are each 0 or ≥ k. What lies past the last common month
 * stays withheld. Needs the same grid everywhere.
 */
export function poolGrids(tables: readonly GridTable[]): { total: number; steps: GridStep[] } {
  if (tables.length === 0) return { total: 0, steps: [] };
  if (new Set(tables.map((t) => t.gridMonths)).size > 1) throw new Error('grid tables on different grids cannot be pooled');
  const [first, ...rest] = tables.map((t) => new Set(t.steps.map((s) => s.month)));
  const common = [...(first ?? [])].filter((m) => rest.every((r) => r.has(m))).sort((a, b) => a - b);
  const steps = common.map((month, i) => {
    const from = i === 0 ? -Infinity : (common[i - 1] ?? -Infinity);
    let events = 0;
    let censored = 0;
    for (const t of tables)
      for (const s of t.steps) {
        if (s.month <= from || s.month > month) continue;
        events += s.events;
        censored += s.censored;
      }
    return { month, events, censored };
  });
  return { total: tables.reduce((a, t) => a + t.total, 0), steps };
}
