import type { Condition, MedicationRequest, MedicationStatement, Observation, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import type { SourcedResource } from '@/server/dataspace/consumer/record-fan-out';
import { demoPersons } from '@/server/synthetic/ehr/people';
import { genomicsRecord } from '@/server/synthetic/ehr/genomics-record';
import { hospitalRecord } from '@/server/synthetic/ehr/hospital-record';
import { EHR_SEED } from '@/server/synthetic/ehr/population';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import { CONDITIONS } from '@/server/terminology/conditions';
import { LABS } from '@/server/terminology/labs';
import { DIABETES_MEDICINES } from '@/server/terminology/medications';
import { mergedRecord } from './merged-record';
import type { TMergedRecord } from './merged-record-schema';

const source = (providerId: string, resource: Resource): SourcedResource['source'] => ({ providerId, datasetId: 'ehr', agreementId: `agr-${providerId}`, fhirUrl: `http://${providerId}/fhir/r4/${resource.resourceType}/${resource.id ?? ''}`, retrievedAt: '2026-06-30T00:00:00Z' });
const sourced = (providerId: string, resource: Resource): SourcedResource => ({ resource, source: source(providerId, resource) });

/** The records the participants' generator holds of a demo patient, as a fan-out returns them. */
function demoFanOut(nationalId: string): SourcedResource[] {
  const person = demoPersons().find((p) => p.nationalId === nationalId);
  if (!person) throw new Error(`no demo person ${nationalId}`);
  const hospitals = person.heldBy.flatMap((provider) => hospitalRecord(EHR_SEED, provider, person).map((s) => sourced(provider, s.resource)));
  const genomics = person.oncology ? genomicsRecord('research-institute', person).map((s) => sourced('research-institute', s.resource)) : [];
  // Encounters are not part of a record read (record-fan-out RECORD_TYPES); keep the rest.
  return [...hospitals, ...genomics].filter((r) => r.resource.resourceType !== 'Encounter');
}

/** Every resource an item of the merged record names as its source. */
function referenced(record: TMergedRecord): string[] {
  return [
    ...record.conditions.flatMap((c) => c.sources),
    ...record.medications.flatMap((m) => m.sources),
    ...record.observations.flatMap((g) => g.series.flatMap((p) => p.sources)),
    ...record.oncology.flatMap((o) => o.sources),
    ...record.procedures.flatMap((p) => p.sources),
    ...record.notShown.flatMap((n) => n.sources),
  ].map((s) => `${s.providerId}/${s.resource}`);
}
const inputIds = (inputs: SourcedResource[]) => inputs.filter((r) => r.resource.resourceType !== 'Patient').map((r) => `${r.source.providerId}/${r.resource.resourceType}/${r.resource.id ?? ''}`);

const MARIE = '1958031500017'; // diabetes, at alzette-hospital and moselle-clinic
const LUC = '1955012600062'; // diabetes and colon cancer, at both hospitals and the genomics lab

describe('merged record of a patient held by two hospitals', () => {
  const inputs = demoFanOut(MARIE);
  const record = mergedRecord(inputs);

  it('shows the same condition once, with every source and the earliest onset', () => {
    const diabetes = record.conditions.filter((c) => c.codes.some((x) => x.code === CONDITIONS.type2Diabetes.snomed));
    expect(diabetes).toHaveLength(1);
    const row = diabetes[0]!;
    expect(row.sources.map((s) => s.providerId)).toEqual(['alzette-hospital', 'moselle-clinic']);
    const onsets = inputs.filter((r) => r.resource.resourceType === 'Condition' && (r.resource as Condition).code?.coding?.[0]?.code === CONDITIONS.type2Diabetes.snomed).map((r) => (r.resource as Condition).onsetDateTime ?? '');
    expect(onsets).toHaveLength(2);
    expect(row.onset).toBe([...onsets].sort()[0]);
    expect(row.name).toEqual(CONDITIONS.type2Diabetes.name);
    // No two rows share a code.
    const keys = record.conditions.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('drops nothing: every resource from every provider is named by exactly one merged item', () => {
    const expected = inputIds(inputs).sort();
    expect(expected.length).toBeGreaterThan(100);
    expect(referenced(record).sort()).toEqual(expected);
  });

  it('groups medications by ingredient, the current entry first and the others behind it', () => {
    const metformin = record.medications.filter((m) => m.atc === DIABETES_MEDICINES.metformin.atc);
    expect(metformin).toHaveLength(1);
    // A prescription and a statement at each hospital: one current, three behind it.
    expect(metformin[0]!.current?.status).toBe('active');
    // The dose as the provider structured it, for the page to say in each language.
    expect(metformin[0]!.current?.dose).toEqual({ value: 1000, unit: 'mg', frequency: 2, period: 1, periodUnit: 'd', route: null });
    expect(metformin[0]!.history).toHaveLength(3);
    expect(new Set(metformin[0]!.sources.map((s) => s.providerId))).toEqual(new Set(['alzette-hospital', 'moselle-clinic']));
    expect(record.medications.length).toBe(new Set(inputs.filter((r) => r.resource.resourceType.startsWith('Medication')).map((r) => (r.resource as MedicationRequest).medicationCodeableConcept?.coding?.[0]?.code)).size);
  });

  it('groups observations by test: one HbA1c group across IFCC and NGSP codes, newest first, with the latest value in both units', () => {
    const hba1c = record.observations.filter((g) => g.loinc.includes(LABS.hba1cIfcc.loinc) || g.loinc.includes(LABS.hba1cPercent.loinc));
    expect(hba1c).toHaveLength(1);
    const g = hba1c[0]!;
    expect(g.loinc).toEqual([LABS.hba1cPercent.loinc, LABS.hba1cIfcc.loinc].sort());
    expect(g.unit).toBe('mmol/mol');
    expect(g.besideUnit).toBe('%');
    const dates = g.series.map((p) => p.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(g.latest).toBe(g.series[0]);
    // The IFCC and % results of one sample are one point with both resources behind it.
    expect(g.series.every((p) => p.sources.length === 2 && p.conflict === null)).toBe(true);
    expect(g.latest.beside).toBeCloseTo((g.latest.value ?? 0) / 10.929 + 2.15, 1);
  });

  it('shows creatinine in µmol/L with mg/dL beside it, and eGFR in a unit for people', () => {
    const creatinine = record.observations.find((g) => g.loinc.includes(LABS.creatinine.loinc))!;
    expect(creatinine.unit).toBe('µmol/L');
    expect(creatinine.besideUnit).toBe('mg/dL');
    const raw = inputs.map((r) => r.resource).find((r): r is Observation => r.resourceType === 'Observation' && r.code?.coding?.[0]?.code === LABS.creatinine.loinc && r.effectiveDateTime?.slice(0, 10) === creatinine.latest.date?.slice(0, 10))!;
    expect(creatinine.latest.beside).toBe(raw.valueQuantity?.value);
    expect(creatinine.latest.value).toBe(Math.round((raw.valueQuantity?.value ?? 0) * 88.42));
    expect(record.observations.find((g) => g.loinc.includes(LABS.egfr.loinc))?.unit).toBe('mL/min/1.73 m²');
  });

  it('summarises problems, current medication and the key results with their dates and sources', () => {
    expect(record.summary.problems.map((p) => p.name.en)).toContain('Type 2 diabetes');
    expect(record.summary.medications.map((m) => m.name.en).sort()).toEqual(['atorvastatin', 'metformin', 'sitagliptin']);
    expect(record.summary.results.map((r) => r.key)).toEqual(['hba1c', 'egfr', 'bmi', 'systolic']);
    const hba1c = record.summary.results[0]!;
    expect(hba1c.value).toBeGreaterThan(30);
    expect(hba1c.beside).toBeGreaterThan(4);
    expect(hba1c.date).not.toBeNull();
    expect(hba1c.sources.length).toBeGreaterThan(0);
    expect(record.summary.oncology).toBeNull();
  });
});

describe('merged record of an oncology patient', () => {
  const inputs = demoFanOut(LUC);
  const record = mergedRecord(inputs);

  it('summarises the cancer, its stage, an ECOG grade with a value and the latest disease status', () => {
    const o = record.summary.oncology!;
    expect(o.cancer?.name.en).toBe('Colon cancer');
    expect(o.cancer?.histology?.en).toBe('Adenocarcinoma');
    expect(o.stage?.value.en).toBe('IV');
    expect(o.ecog?.value.en).toMatch(/^1 — /);
    expect(o.ecog?.value.fr).toMatch(/^1 — /);
    expect(o.diseaseStatus?.value).toEqual({ en: 'worsened', fr: 'aggravation' });
  });

  it('drops nothing across two hospitals and the genomics lab', () => {
    expect(referenced(record).sort()).toEqual(inputIds(inputs).sort());
    expect(record.oncology.some((i) => i.kind === 'genomicVariant' && i.sources.some((s) => s.providerId === 'research-institute'))).toBe(true);
  });
});

describe('reconciliation rules', () => {
  const hba1c = (id: string, value: number, date: string): Observation => ({ resourceType: 'Observation', id, status: 'final', code: { coding: [{ system: CODE_SYSTEMS.loinc, code: LABS.hba1cIfcc.loinc }] }, effectiveDateTime: date, valueQuantity: { value, unit: 'mmol/mol', system: CODE_SYSTEMS.ucum, code: 'mmol/mol' } });

  it('shows a conflict when two providers report different values of the same test on the same day', () => {
    const record = mergedRecord([sourced('alzette-hospital', hba1c('a1', 64, '2026-05-02T08:00:00Z')), sourced('moselle-clinic', hba1c('m1', 70, '2026-05-02T10:30:00Z')), sourced('moselle-clinic', hba1c('m0', 66, '2026-01-10T09:00:00Z'))]);
    const g = record.observations[0]!;
    expect(g.series).toHaveLength(2);
    expect(g.latest.conflict).toEqual([
      { providerId: 'alzette-hospital', value: 64, text: null },
      { providerId: 'moselle-clinic', value: 70, text: null },
    ]);
    expect(g.latest.sources.map((s) => s.resource)).toEqual(['Observation/a1', 'Observation/m1']);
    expect(g.conflicts).toBe(1);
    expect(record.summary.results[0]?.conflict).toBe(true);
  });

  it('does not call the same value at two providers on the same day a conflict: one point, both sources', () => {
    const record = mergedRecord([sourced('alzette-hospital', hba1c('a1', 64, '2026-05-02T08:00:00Z')), sourced('moselle-clinic', hba1c('m1', 64, '2026-05-02T10:30:00Z'))]);
    const g = record.observations[0]!;
    expect(g.series).toHaveLength(1);
    expect(g.latest.conflict).toBeNull();
    expect(g.latest.sources).toHaveLength(2);
  });

  it('computes the trend from the two latest points', () => {
    const record = mergedRecord([sourced('alzette-hospital', hba1c('a1', 58, '2026-05-02T08:00:00Z')), sourced('moselle-clinic', hba1c('m0', 66, '2026-01-10T09:00:00Z'))]);
    expect(record.observations[0]?.trend).toBe('down');
    expect(record.observations[0]?.latest.value).toBe(58);
  });

  it('puts the active medicine first and a stopped one behind it; a medicine stopped everywhere is history only', () => {
    const med = (id: string, atc: string, status: MedicationStatement['status'], start: string): MedicationStatement => ({ resourceType: 'MedicationStatement', id, status: status!, medicationCodeableConcept: { coding: [{ system: CODE_SYSTEMS.atc, code: atc, display: 'x' }] }, subject: { reference: 'Patient/p' }, effectivePeriod: { start } });
    const record = mergedRecord([
      sourced('alzette-hospital', med('s1', DIABETES_MEDICINES.metformin.atc, 'stopped', '2020-01-01')),
      sourced('moselle-clinic', med('s2', DIABETES_MEDICINES.metformin.atc, 'active', '2019-01-01')),
      sourced('moselle-clinic', med('s3', DIABETES_MEDICINES.gliclazide.atc, 'stopped', '2018-01-01')),
    ]);
    const [metformin, gliclazide] = record.medications;
    expect(metformin?.name.fr).toBe('metformine');
    expect(metformin?.current?.source.resource).toBe('MedicationStatement/s2');
    expect(metformin?.history.map((h) => h.source.resource)).toEqual(['MedicationStatement/s1']);
    expect(gliclazide?.active).toBe(false);
    expect(gliclazide?.current).toBeNull();
    expect(gliclazide?.history).toHaveLength(1);
    expect(record.summary.medications.map((m) => m.name.en)).toEqual(['metformin']);
  });

  it('keeps a resource of a type it does not show, and a condition with an unknown code under the provider\'s text', () => {
    const record = mergedRecord([
      sourced('alzette-hospital', { resourceType: 'AllergyIntolerance', id: 'al1', patient: { reference: 'Patient/p' } }),
      sourced('alzette-hospital', { resourceType: 'Condition', id: 'c1', subject: { reference: 'Patient/p' }, code: { coding: [{ system: CODE_SYSTEMS.snomed, code: '0000000' }], text: 'Rare thing' } }),
    ]);
    expect(record.notShown).toEqual([{ resourceType: 'AllergyIntolerance', sources: [expect.objectContaining({ resource: 'AllergyIntolerance/al1' })] }]);
    expect(record.conditions[0]?.name).toEqual({ en: 'Rare thing', fr: 'Rare thing' });
  });
});
