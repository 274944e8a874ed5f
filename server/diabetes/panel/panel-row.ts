import type { MedicationRequest, Patient } from '@medplum/fhirtypes';
import type { FanOutResult } from '@/server/dataspace/consumer/record-fan-out';
import { assemblePatientFeatures } from '@/server/diabetes/features/assemble-features';
import { defaultTarget } from '@/server/diabetes/recommendation/individual-target';
import { isUnread } from '@/server/diabetes/recommendation/withheld-options';
import { careGaps, lastTherapyChange } from './care-gaps';
import type { TPanelRow } from './panel-schema';

/**
 * A change of HbA1c worth showing as a trend: 5 mmol/mol (0.5 %), about twice the analytical and
 * biological variation of the test (NICE NG28; IFCC reporting recommendation); smaller moves are "same".
 */
export const HBA1C_TREND_MMOL_MOL = 5;

/** One panel row from the panel's light fan-out of one patient. */
export function panelRow(result: FanOutResult, legalNames: ReadonlyMap<string, string>, lastReview: Date | null, now: Date): TPanelRow {
  const a = assemblePatientFeatures(result.resources, now);
  const patient = result.resources.find((r) => r.resource.resourceType === 'Patient')?.resource as Patient | undefined;
  const name = patient?.name?.[0];
  const age = a.features.ageYears.value;
  const target = defaultTarget(age);
  const series = a.series.hba1c;
  const latest = series[series.length - 1];
  const previous = series[series.length - 2];
  const trend = latest && previous ? (latest.value - previous.value >= HBA1C_TREND_MMOL_MOL ? 'up' : previous.value - latest.value >= HBA1C_TREND_MMOL_MOL ? 'down' : 'same') : null;
  // Every care gap says something is absent (a drug, a test, a change): with a provider's data missing, it cannot be told.
  const incomplete = !result.locatorOk || result.providers.some(isUnread);
  const therapy = new Map(a.therapy.current.map((t) => [t.atc ?? t.name, { name: t.name, drugClasses: t.drugClasses }]));
  const requests = result.resources.filter((r) => r.resource.resourceType === 'MedicationRequest').map((r) => r.resource as MedicationRequest);
  return {
    nationalId: result.nationalId,
    name: name ? [name.given?.join(' '), name.family].filter(Boolean).join(' ') : null,
    birthDate: a.patient.birthDate,
    ageYears: age === null ? null : Math.floor(age),
    sex: a.patient.sex,
    hba1c: latest ? { mmolMol: latest.value, percent: latest.beside, date: latest.date, trend, providers: [...new Set(latest.sources.map((s) => s.providerId).filter((p): p is string => p !== null))] } : null,
    target: { mmolMol: target.mmolMol, percent: target.percent },
    aboveTarget: latest ? latest.value > target.mmolMol : null,
    therapy: [...therapy.values()],
    careGaps: incomplete ? [] : careGaps(a, target.mmolMol, lastTherapyChange(requests), now),
    dataIncomplete: incomplete,
    providers: result.providers.map((p) => ({ providerId: p.providerId, legalName: legalNames.get(p.providerId) ?? null, status: p.status, consent: p.consent })),
    lastReview,
  };
}
