import type { TPanelRow } from './panel-schema';

export interface PanelQuery {
  search?: string | undefined;
  filter?: 'all' | 'aboveTarget' | 'careGaps' | 'notReviewed';
  sort?: 'name' | 'age' | 'hba1c' | 'lastReview' | 'careGaps';
  direction?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

/** A patient not reviewed for this long counts as "not reviewed" (ADA 2025 section 6: HbA1c review at least twice a year). */
const REVIEW_INTERVAL_MS = 182.5 * 24 * 3600 * 1000;

const fold = (s: string): string => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** Search, filter, sort and one page of the panel; rows without the sorted value go last either way. */
export function queryPanel(rows: readonly TPanelRow[], q: PanelQuery, now: Date): { rows: TPanelRow[]; total: number; page: number; pageSize: number } {
  const needle = q.search ? fold(q.search.trim()) : '';
  const filter = q.filter ?? 'all';
  const matching = rows.filter((r) => {
    if (needle && !fold(r.name ?? '').includes(needle) && !r.nationalId.includes(needle)) return false;
    if (filter === 'aboveTarget') return r.aboveTarget === true;
    if (filter === 'careGaps') return r.careGaps.length > 0;
    if (filter === 'notReviewed') return r.lastReview === null || now.getTime() - r.lastReview.getTime() > REVIEW_INTERVAL_MS;
    return true;
  });
  const key = (r: TPanelRow): number | string | null => {
    switch (q.sort ?? 'hba1c') {
      case 'name':
        return r.name ? fold(r.name) : null;
      case 'age':
        return r.ageYears;
      case 'hba1c':
        return r.hba1c?.mmolMol ?? null;
      case 'lastReview':
        return r.lastReview?.getTime() ?? null;
      case 'careGaps':
        return r.careGaps.length;
    }
  };
  const sign = (q.direction ?? 'desc') === 'asc' ? 1 : -1;
  const sorted = [...matching].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) return ka === kb ? a.nationalId.localeCompare(b.nationalId) : ka === null ? 1 : -1;
    const c = typeof ka === 'string' ? ka.localeCompare(kb as string) : ka - (kb as number);
    return c !== 0 ? sign * c : a.nationalId.localeCompare(b.nationalId);
  });
  const pageSize = q.pageSize ?? 20;
  const pages = Math.max(1, Math.ceil(sorted.length / pageSize));
  const page = Math.min(q.page ?? 1, pages);
  return { rows: sorted.slice((page - 1) * pageSize, page * pageSize), total: sorted.length, page, pageSize };
}
