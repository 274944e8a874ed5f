import type { Observation } from '@medplum/fhirtypes';
import type { SourcedResource } from '@/server/dataspace/consumer/record-fan-out';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import { nameOfCodings } from '@/server/terminology/concepts';
import { LABS } from '@/server/terminology/labs';
import { testFamilyOf, type TestFamily } from '@/server/terminology/test-families';
import { unitForPeople } from '@/server/terminology/units';
import { bySource, dayOf, itemSource, newestFirst } from './item-source';
import type { TItemSource, TObservationGroup, TObservationPoint } from './merged-record-schema';
import { observationDate, observationNumber, observationText } from './observation-value';

interface Reading {
  providerId: string;
  /** Rank of the code within its test family (0 = the family's own unit): a provider's preferred reading. */
  rank: number;
  value: number | null;
  text: TObservationPoint['text'];
  source: TItemSource;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const LAB_ORDER: readonly string[] = Object.values(LABS).map((l) => l.loinc);

function groupKey(loinc: string | null, family: TestFamily | null, o: Observation): string {
  if (family) return `family|${family.key}`;
  if (loinc) return `loinc|${loinc}`;
  const coding = o.code?.coding?.find((c) => c.code);
  return coding ? `${coding.system ?? ''}|${coding.code ?? ''}` : `text|${(o.code?.text ?? '').trim().toLowerCase()}`;
}

/** One day of a test: each provider's preferred reading; different values at two providers are a conflict. */
function pointOf(day: string | null, readings: Reading[], family: TestFamily | null): TObservationPoint {
  const perProvider = new Map<string, Reading>();
  for (const r of [...readings].sort((a, b) => a.rank - b.rank)) if (!perProvider.has(r.providerId)) perProvider.set(r.providerId, r);
  const chosen = [...perProvider.values()].sort((a, b) => a.providerId.localeCompare(b.providerId));
  const digits = family?.digits;
  const shown = (v: number | null) => (v === null ? null : digits === undefined ? v : round(v, digits));
  const distinct = new Set(chosen.map((r) => `${shown(r.value) ?? ''}|${r.text?.en ?? ''}`));
  const first = chosen[0];
  const value = shown(first?.value ?? null);
  const beside = family?.beside && value !== null && first?.value != null ? round(family.beside.convert(first.value), family.beside.digits) : null;
  return {
    date: readings.map((r) => r.source.date).filter((d): d is string => d !== null).sort().at(-1) ?? day,
    value,
    text: first?.text ?? null,
    beside,
    conflict: distinct.size > 1 ? chosen.map((r) => ({ providerId: r.providerId, value: shown(r.value), text: r.text?.en ?? null })) : null,
    sources: readings.map((r) => r.source).sort(bySource),
  };
}

function trendOf(latest: TObservationPoint | undefined, previous: TObservationPoint | undefined): TObservationGroup['trend'] {
  if (latest?.value == null || previous?.value == null) return null;
  if (latest.value === previous.value) return 'same';
  return latest.value > previous.value ? 'up' : 'down';
}

/**
 * Observations grouped by test (one LOINC code, or one test family across codes and units: HbA1c IFCC
 * and NGSP, creatinine mass and molar), one point per day with every reading behind it, newest first,
 * values in the family's unit, the latest value and its trend against the one before.
 */
export function reconcileObservations(items: ReadonlyArray<{ resource: Observation; source: SourcedResource['source'] }>): TObservationGroup[] {
  const groups = new Map<string, { family: TestFamily | null; first: Observation; loinc: Set<string>; days: Map<string, Reading[]> }>();
  for (const { resource: o, source } of items) {
    const loinc = o.code?.coding?.find((c) => c.system === CODE_SYSTEMS.loinc)?.code ?? null;
    const family = testFamilyOf(loinc);
    const key = groupKey(loinc, family, o);
    const group = groups.get(key) ?? { family, first: o, loinc: new Set<string>(), days: new Map<string, Reading[]>() };
    if (loinc) group.loinc.add(loinc);
    const date = observationDate(o);
    const raw = observationNumber(o);
    const convert = family && loinc ? family.members[loinc] : undefined;
    const reading: Reading = {
      providerId: source.providerId,
      rank: family && loinc ? Object.keys(family.members).indexOf(loinc) : 0,
      value: raw === null ? null : convert ? convert(raw) : raw,
      text: raw === null ? observationText(o) : null,
      source: itemSource(o, source, date),
    };
    const day = dayOf(date) ?? '';
    group.days.set(day, [...(group.days.get(day) ?? []), reading]);
    groups.set(key, group);
  }
  const rows: TObservationGroup[] = [...groups.entries()].map(([key, g]) => {
    const series = [...g.days.entries()].map(([day, readings]) => pointOf(day || null, readings, g.family)).sort((a, b) => newestFirst(a.date, b.date));
    const latest = series[0] as TObservationPoint;
    const sentUnit = g.first.valueQuantity?.code ?? g.first.valueQuantity?.unit ?? null;
    return {
      key,
      name: g.family?.name ?? nameOfCodings(g.first.code?.coding, g.first.code?.text),
      loinc: [...g.loinc].sort(),
      category: g.first.category?.[0]?.coding?.[0]?.code ?? null,
      unit: unitForPeople(g.family?.unit ?? sentUnit),
      besideUnit: g.family?.beside ? unitForPeople(g.family.beside.unit) : null,
      digits: g.family?.digits ?? null,
      besideDigits: g.family?.beside?.digits ?? null,
      latest,
      trend: trendOf(series[0], series[1]),
      series,
      conflicts: series.filter((p) => p.conflict).length,
    };
  });
  const order = (g: TObservationGroup) => {
    const i = Math.min(...g.loinc.map((l) => LAB_ORDER.indexOf(l)).filter((x) => x >= 0));
    return Number.isFinite(i) ? i : LAB_ORDER.length;
  };
  return rows.sort((a, b) => order(a) - order(b) || a.name.en.localeCompare(b.name.en));
}
