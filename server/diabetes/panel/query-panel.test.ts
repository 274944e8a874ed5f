import { describe, expect, it } from 'vitest';
import type { TPanelRow } from './panel-schema';
import { queryPanel } from './query-panel';

const NOW = new Date('2026-06-01T00:00:00Z');
const row = (id: string, name: string, hba1c: number | null, extra: Partial<TPanelRow> = {}): TPanelRow => ({
  nationalId: id,
  name,
  birthDate: null,
  ageYears: 60,
  sex: 'female',
  hba1c: hba1c === null ? null : { mmolMol: hba1c, percent: null, date: '2026-05-01', trend: null, providers: [] },
  target: { mmolMol: 53, percent: 7 },
  aboveTarget: hba1c === null ? null : hba1c > 53,
  therapy: [],
  careGaps: [],
  dataIncomplete: false,
  providers: [],
  lastReview: null,
  ...extra,
});
const rows = [row('1', 'Émile Zahlen', 70), row('2', 'anne Bauer', 50, { lastReview: new Date('2026-05-01') }), row('3', 'Carl Dupont', null, { careGaps: [{ code: 'hba1c-overdue', detail: '' }] })];

describe('queryPanel', () => {
  it('sorts by HbA1c with missing values last in either direction', () => {
    expect(queryPanel(rows, { sort: 'hba1c', direction: 'desc' }, NOW).rows.map((r) => r.nationalId)).toEqual(['1', '2', '3']);
    expect(queryPanel(rows, { sort: 'hba1c', direction: 'asc' }, NOW).rows.map((r) => r.nationalId)).toEqual(['2', '1', '3']);
  });

  it('searches names without regard to case or accents, and national ids', () => {
    expect(queryPanel(rows, { search: 'emile' }, NOW).rows.map((r) => r.nationalId)).toEqual(['1']);
    expect(queryPanel(rows, { search: '3' }, NOW).rows.map((r) => r.nationalId)).toEqual(['3']);
  });

  it('filters and pages', () => {
    expect(queryPanel(rows, { filter: 'aboveTarget' }, NOW).total).toBe(1);
    expect(queryPanel(rows, { filter: 'careGaps' }, NOW).rows.map((r) => r.nationalId)).toEqual(['3']);
    expect(queryPanel(rows, { filter: 'notReviewed' }, NOW).total).toBe(2);
    const page2 = queryPanel(rows, { sort: 'name', direction: 'asc', pageSize: 2, page: 2 }, NOW);
    expect(page2).toMatchObject({ total: 3, page: 2 });
    expect(page2.rows.map((r) => r.name)).toEqual(['Émile Zahlen']);
    expect(queryPanel(rows, { pageSize: 2, page: 99 }, NOW).page).toBe(2);
  });
});
