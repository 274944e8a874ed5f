import { LABS } from '@/server/terminology/labs';
import { hba1cPercentFromMmolMol } from '@/server/terminology/units';
import type { SeriesPoint } from './feature-types';
import type { Measure, Reading } from './observation-readings';

const dayOf = (date: string): string => date.slice(0, 10);
const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

/** Reporting precision per series: HbA1c mmol/mol to the unit (IFCC), the others as the record shows them. */
const DIGITS: Partial<Record<Measure, number>> = { hba1c: 0, weight: 1, bmi: 1, egfr: 0 };

/**
 * One point per day of a measure, oldest first, for the charts: the value of the preferred reading
 * (IFCC HbA1c over NGSP, as reported over converted), and every resource behind that day as its sources,
 * so hovering a point names each provider that reported it.
 */
export function seriesOf(readings: readonly Reading[], measure: Measure, now: Date): SeriesPoint[] {
  const byDay = new Map<string, Reading[]>();
  for (const r of readings) {
    if (r.measure !== measure || new Date(r.date).getTime() > now.getTime()) continue;
    const day = dayOf(r.date);
    byDay.set(day, [...(byDay.get(day) ?? []), r]);
  }
  const preferIfcc = (r: Reading): number => (r.loinc === LABS.hba1cIfcc.loinc ? 0 : 1) + (r.converted ? 1 : 0);
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, rs]) => {
      const best = [...rs].sort((a, b) => preferIfcc(a) - preferIfcc(b))[0] as Reading;
      const value = round(best.value, DIGITS[measure] ?? 1);
      return { date, value, beside: measure === 'hba1c' ? round(hba1cPercentFromMmolMol(best.value), 1) : null, sources: rs.map((r) => r.provenance) };
    });
}
