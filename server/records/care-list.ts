import type { Patient } from '@medplum/fhirtypes';
import type { FanOutResult, PatientSearch } from '@/server/dataspace/consumer/record-fan-out';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import { CONDITIONS } from '@/server/terminology/conditions';
import { LABS } from '@/server/terminology/labs';
import { STAGING_LOINC } from '@/server/terminology/mcode';
import { mergedRecord } from './merged-record';
import { isActive } from './reconcile-conditions';
import type { TCareListRow } from './care-list-schema';

const loinc = (...codes: string[]) => `code=${codes.map((c) => encodeURIComponent(`${CODE_SYSTEMS.loinc}|${c}`)).join(',')}`;

/**
 * What the patient list reads at each provider, in one batch: the Patient, the problem list, the latest
 * HbA1c (IFCC and NGSP results of one sample) and the latest stage group. Not the whole record.
 */
export const CARE_LIST_SEARCHES: readonly PatientSearch[] = [
  { type: 'Patient' },
  { type: 'Condition', count: 50 },
  { type: 'Observation', params: `${loinc(LABS.hba1cIfcc.loinc, LABS.hba1cPercent.loinc)}&_sort=-date`, count: 2 },
  { type: 'Observation', params: `${loinc(STAGING_LOINC.clinical.group, STAGING_LOINC.pathological.group)}&_sort=-date`, count: 1 },
];

/**
 * One row of "Patients in your care" from a light fan-out, reconciled like the record: name, birth date,
 * sex, the main problem (the cancer for an oncologist, type 2 diabetes for an endocrinologist, else the
 * longest-standing active problem), latest HbA1c, cancer and stage, and each provider's answer.
 */
export function careListRow(result: FanOutResult, area: 'diabetes' | 'oncology', legalNames: Map<string, string>): TCareListRow {
  const patient = result.resources.find((r) => r.resource.resourceType === 'Patient')?.resource as Patient | undefined;
  const name = patient?.name?.[0];
  const record = mergedRecord(result.resources);
  const problems = record.conditions.filter(isActive);
  const cancer = problems.find((c) => c.oncology) ?? null;
  const diabetes = problems.find((c) => c.codes.some((x) => x.system === CODE_SYSTEMS.snomed && x.code === CONDITIONS.type2Diabetes.snomed)) ?? null;
  const longest = [...problems].sort((a, b) => (a.onset ?? '9').localeCompare(b.onset ?? '9'))[0] ?? null;
  const main = (area === 'oncology' ? (cancer ?? diabetes) : (diabetes ?? cancer)) ?? longest;
  const hba1c = record.summary.results.find((r) => r.key === 'hba1c') ?? null;
  const stage = record.summary.oncology?.stage ?? null;
  return {
    nationalId: result.nationalId,
    name: name ? [name.given?.join(' '), name.family].filter(Boolean).join(' ') : null,
    birthDate: patient?.birthDate ?? null,
    gender: patient?.gender ?? null,
    mainProblem: main ? { name: main.name, date: main.onset, sources: main.sources } : null,
    hba1c: hba1c && hba1c.value !== null ? { mmolMol: hba1c.value, percent: hba1c.beside, date: hba1c.date, sources: hba1c.sources } : null,
    cancer: cancer ? { name: cancer.name, stage: stage?.value ?? null, date: cancer.onset, sources: cancer.sources } : null,
    locatorOk: result.locatorOk,
    providers: result.providers.map((p) => ({ providerId: p.providerId, legalName: legalNames.get(p.providerId) ?? null, status: p.status, detail: p.detail, consent: p.consent })),
  };
}
