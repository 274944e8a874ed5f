import type { LocalText } from '@/server/terminology/display';
import { LABS, OTHER_LAB_CODES } from '@/server/terminology/labs';
import { isActive } from './reconcile-conditions';
import type { TCondition, TMedication, TObservationGroup, TOncologyItem, TRecordSummary, TSummaryResult } from './merged-record-schema';

/** The key results of the summary and the LOINC codes that answer each (eGFR: any of its equations, CLINICAL.md). */
const KEY_RESULTS: ReadonlyArray<{ key: TSummaryResult['key']; match: (g: TObservationGroup) => boolean }> = [
  { key: 'hba1c', match: (g) => g.key === 'family|hba1c' },
  { key: 'egfr', match: (g) => g.loinc.some((l) => [LABS.egfr.loinc, OTHER_LAB_CODES.egfrMdrd.loinc, OTHER_LAB_CODES.egfrCkdEpi2021.loinc].includes(l as never)) },
  { key: 'bmi', match: (g) => g.loinc.includes(LABS.bmi.loinc) },
  { key: 'systolic', match: (g) => g.loinc.includes(LABS.systolic.loinc) },
];

function keyResult(key: TSummaryResult['key'], groups: TObservationGroup[]): TSummaryResult | null {
  const g = groups
    .filter(KEY_RESULTS.find((k) => k.key === key)?.match ?? (() => false))
    .sort((a, b) => (b.latest.date ?? '').localeCompare(a.latest.date ?? ''))[0];
  if (!g) return null;
  const p = g.latest;
  return { key, name: g.name, value: p.value, unit: g.unit, beside: p.beside, besideUnit: g.besideUnit, digits: g.digits, besideDigits: g.besideDigits, trend: g.trend, conflict: p.conflict !== null, date: p.date, sources: p.sources };
}

const latestOf = (items: TOncologyItem[], kind: string) => {
  const item = items.find((i) => i.kind === kind && i.value !== null);
  return item && item.value ? { name: item.kindName, value: item.value, date: item.date, sources: item.sources } : null;
};

/**
 * What a clinician reads first: active problems, current medication, the latest key results, and for an
 * oncology case the cancer, stage, ECOG and latest disease status, each with its date and sources.
 */
export function recordSummary(input: { conditions: TCondition[]; medications: TMedication[]; observations: TObservationGroup[]; oncology: TOncologyItem[]; histology: LocalText | null }): TRecordSummary {
  const cancer = input.conditions.find((c) => c.oncology) ?? null;
  const oncology =
    cancer || input.oncology.length > 0
      ? {
          cancer: cancer ? { name: cancer.name, date: cancer.onset, sources: cancer.sources, histology: input.histology } : null,
          stage: latestOf(input.oncology, 'stageGroup'),
          ecog: latestOf(input.oncology, 'ecog'),
          diseaseStatus: latestOf(input.oncology, 'diseaseStatus'),
        }
      : null;
  return {
    problems: input.conditions.filter(isActive).map((c) => ({ name: c.name, date: c.onset, sources: c.sources })),
    medications: input.medications.filter((m) => m.current).map((m) => ({ name: m.name, dosage: m.current?.dosage ?? null, dose: m.current?.dose ?? null, date: m.current?.date ?? null, sources: m.sources })),
    results: KEY_RESULTS.map((k) => keyResult(k.key, input.observations)).filter((r): r is TSummaryResult => r !== null),
    oncology,
  };
}
