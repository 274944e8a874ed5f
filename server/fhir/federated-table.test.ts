import { describe, expect, it } from 'vitest';
import { SUPPRESSED, suppressTable } from './disclosure-control';
import { HIDDEN, combineSiteTables, type SiteTable } from './federated-table';

const site = (name: string, rows: string[], columns: string[], counts: number[][]): SiteTable => {
  const total = counts.flat().reduce((a, b) => a + b, 0);
  return { site: name, rows: { values: rows }, columns: { values: columns }, ...suppressTable(counts), contributingRecords: total >= 10 ? total : '<10' };
};

describe('combineSiteTables', () => {
  it('sums the sites by label and hides a cell any site hid', () => {
    const a = site('alzette', ['female', 'male'], ['40-49', '50-59'], [[3, 40], [12, 30]]);
    const b = site('moselle', ['female', 'male'], ['50-59', '60-69'], [[20, 7], [9, 11]]);
    expect(a.cells[0]?.[0]).toBe(SUPPRESSED);
    const t = combineSiteTables([a, b]);
    expect(t.status).toBe('released');
    expect(t.columns).toEqual(['40-49', '50-59', '60-69']);
    expect(t.cells[0]?.[0]).toBe(HIDDEN); // alzette hid it
    expect(t.cells[1]?.[2]).toBe(11); // only moselle has it, shown
    expect(t.contributingRecords).toBe(85 + 47);
  });

  it('releases nothing below the minimum number of sites, counting only sites with enough records', () => {
    const a = site('alzette', ['x'], ['all'], [[50]]);
    const tiny = site('moselle', ['x'], ['all'], [[4]]);
    const t = combineSiteTables([a, tiny]);
    expect(t.status).toBe('too-few-sites');
    expect(t.sites).toEqual(['alzette']);
    expect(t.total).toBe(HIDDEN);
    expect(t.cells.flat().every((c) => c === HIDDEN)).toBe(true);
  });
});
