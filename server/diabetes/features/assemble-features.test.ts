import type { Condition, MedicationRequest, Observation, Patient, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import { assemblePatientFeatures, ckdEpi2021, plainResources } from './assemble-features';
import type { FeatureResource } from './feature-types';

const NOW = new Date('2026-06-01T10:00:00Z');
const daysAgo = (d: number): string => new Date(NOW.getTime() - d * 86_400_000).toISOString();
let seq = 0;

function obs(loinc: string, value: number, unit: string, date: string, extra: Partial<Observation> = {}): Observation {
  seq += 1;
  return { resourceType: 'Observation', id: `obs-${seq}`, meta: { versionId: '2' }, status: 'final', code: { coding: [{ system: CODE_SYSTEMS.loinc, code: loinc }] }, effectiveDateTime: date, valueQuantity: { value, unit, system: CODE_SYSTEMS.ucum, code: unit }, ...extra };
}
function cond(codings: { system: string; code: string; display?: string }[], onset: string, extra: Partial<Condition> = {}): Condition {
  seq += 1;
  return { resourceType: 'Condition', id: `cond-${seq}`, code: { coding: codings }, subject: { reference: 'Patient/p' }, onsetDateTime: onset, ...extra };
}
function rx(atc: string, status: MedicationRequest['status'], extra: Partial<MedicationRequest> = {}): MedicationRequest {
  seq += 1;
  return { resourceType: 'MedicationRequest', id: `rx-${seq}`, status, intent: 'order', subject: { reference: 'Patient/p' }, medicationCodeableConcept: { coding: [{ system: CODE_SYSTEMS.atc, code: atc, display: atc }] }, authoredOn: daysAgo(400), ...extra };
}
const patient: Patient = { resourceType: 'Patient', id: 'p', gender: 'female', birthDate: '1960-03-15' };
const t2d = (onset = '2014-05-01') => cond([{ system: CODE_SYSTEMS.snomed, code: '44054006' }], onset);

/** A complete record: every required input present and fresh. */
function baseRecord(): Resource[] {
  return [
    patient,
    t2d(),
    obs('59261-8', 64, 'mmol/mol', daysAgo(20)),
    obs('62238-1', 68, 'mL/min/{1.73_m2}', daysAgo(20)),
    obs('39156-5', 31.2, 'kg/m2', daysAgo(20)),
    rx('A10BA02', 'active'),
  ];
}
const without = (resources: Resource[], loinc: string) => resources.filter((r) => !(r.resourceType === 'Observation' && r.code.coding?.[0]?.code === loinc));

describe('assemblePatientFeatures', () => {
  it('builds the model input of a complete record, each feature tied to its resource and version', () => {
    const a = assemblePatientFeatures(plainResources(baseRecord()), NOW);
    expect(a.refusals).toEqual([]);
    expect(a.modelInput).toMatchObject({ sex: 'female', hba1cMmolMol: 64, egfrMlMin173m2: 68, bmiKgM2: 31.2, currentTherapy: ['metformin'], ascvd: false, heartFailure: false });
    expect(a.modelInput?.ageYears).toBeCloseTo(66.2, 1);
    expect(a.modelInput?.diabetesDurationYears).toBeCloseTo(12.1, 1);
    expect(a.features.hba1cMmolMol.sources[0]).toMatchObject({ resource: expect.stringMatching(/^Observation\/obs-/), versionId: '2', providerId: null, agreementId: null });
    expect(a.missingOptional).toEqual(expect.arrayContaining(['altUL', 'uacrMgMmol']));
  });

  it('keeps the provider, agreement and dataset of sourced resources (the merged record)', () => {
    const source = { providerId: 'alzette-hospital', datasetId: 'ds-1', agreementId: 'agr-9', fhirUrl: 'http://x/fhir/Observation/1' };
    const items: FeatureResource[] = baseRecord().map((resource) => ({ resource, source }));
    const a = assemblePatientFeatures(items, NOW);
    expect(a.features.egfrMlMin173m2.sources).toEqual([expect.objectContaining({ providerId: 'alzette-hospital', agreementId: 'agr-9', datasetId: 'ds-1' })]);
    expect(a.features.onMetformin).toMatchObject({ status: 'present', value: 1, sources: [expect.objectContaining({ resource: expect.stringMatching(/^MedicationRequest\//), agreementId: 'agr-9' })] });
  });

  it('ignores an HbA1c older than 6 months and says why the model cannot answer', () => {
    const resources = [...without(baseRecord(), '59261-8'), obs('59261-8', 70, 'mmol/mol', daysAgo(200))];
    const a = assemblePatientFeatures(plainResources(resources), NOW);
    expect(a.modelInput).toBeNull();
    expect(a.features.hba1cMmolMol.status).toBe('missing');
    expect(a.refusals).toEqual([{ feature: 'hba1cMmolMol', kind: 'missing', message: expect.stringContaining('needs an HbA1c from the last 6 months') }]);
    expect(a.refusals[0]?.message).toContain('older than 6 months');
  });

  it('takes the latest fresh value, not an older higher one', () => {
    const resources = [...baseRecord(), obs('59261-8', 80, 'mmol/mol', daysAgo(90))];
    expect(assemblePatientFeatures(plainResources(resources), NOW).features.hba1cMmolMol.value).toBe(64);
  });

  it('converts an HbA1c in % (NGSP) to mmol/mol with the IFCC master equation', () => {
    const resources = [...without(baseRecord(), '59261-8'), obs('4548-4', 8.0, '%', daysAgo(10))];
    const f = assemblePatientFeatures(plainResources(resources), NOW).features.hba1cMmolMol;
    expect(f.value).toBeCloseTo(63.9, 1); // 10.929 × (8.0 − 2.15) = 63.93
    expect(f.reported).toEqual({ value: 8, unit: '%' });
    expect(f.derivation).toContain('8 %');
  });

  it('converts a urine albumin/creatinine ratio in mg/g to mg/mmol', () => {
    const resources = [...baseRecord(), obs('9318-7', 30, 'mg/g', daysAgo(30))];
    expect(assemblePatientFeatures(plainResources(resources), NOW).features.uacrMgMmol.value).toBeCloseTo(3.4, 1); // 30 / 8.842
  });

  it('converts lipids reported in mg/dL to mmol/L', () => {
    const resources = [...baseRecord(), obs('2085-9', 50, 'mg/dL', daysAgo(30)), obs('2571-8', 177, 'mg/dL', daysAgo(30))];
    const f = assemblePatientFeatures(plainResources(resources), NOW).features;
    expect(f.hdlMmolL.value).toBeCloseTo(1.3, 1);
    expect(f.triglyceridesMmolL.value).toBeCloseTo(2.0, 1);
  });

  it('refuses a unit it does not know rather than guess, and says so', () => {
    const resources = [...without(baseRecord(), '62238-1'), obs('62238-1', 1.1, 'mL/s', daysAgo(10))];
    const a = assemblePatientFeatures(plainResources(resources), NOW);
    expect(a.features.egfrMlMin173m2.status).toBe('missing');
    expect(a.features.egfrMlMin173m2.reason).toContain('1.1 mL/s');
  });

  it('computes eGFR from a creatinine (CKD-EPI 2021) when no eGFR is reported', () => {
    const resources = [...without(baseRecord(), '62238-1'), obs('2160-0', 1.0, 'mg/dL', daysAgo(10))];
    const f = assemblePatientFeatures(plainResources(resources), NOW).features.egfrMlMin173m2;
    // Published check: a 66-year-old woman with creatinine 1.0 mg/dL has an eGFR of about 61 (CKD-EPI 2021).
    expect(f.value).toBeGreaterThan(58);
    expect(f.value).toBeLessThan(64);
    expect(f.derivation).toContain('CKD-EPI 2021');
    expect(ckdEpi2021(0.9, 50, 'male')).toBeCloseTo(142 * 0.9938 ** 50, 5);
  });

  it('computes BMI from weight and height when no BMI is reported', () => {
    const resources = [...without(baseRecord(), '39156-5'), obs('29463-7', 82, 'kg', daysAgo(5)), obs('8302-2', 160, 'cm', daysAgo(2000))];
    const f = assemblePatientFeatures(plainResources(resources), NOW).features.bmiKgM2;
    expect(f.value).toBe(32); // 82 / 1.6² = 32.03
    expect(f.derivation).toContain('computed from weight');
    expect(f.sources).toHaveLength(2);
  });

  it('recognises a condition coded in ICD-10 only as well as in SNOMED CT', () => {
    const icd = assemblePatientFeatures(plainResources([...baseRecord(), cond([{ system: CODE_SYSTEMS.icd10, code: 'I50.9' }], daysAgo(500))]), NOW);
    const snomed = assemblePatientFeatures(plainResources([...baseRecord(), cond([{ system: CODE_SYSTEMS.snomed, code: '84114007' }], daysAgo(500))]), NOW);
    const none = assemblePatientFeatures(plainResources(baseRecord()), NOW);
    expect(icd.features.heartFailure.value).toBe(1);
    expect(snomed.features.heartFailure.value).toBe(1);
    expect(none.features.heartFailure).toMatchObject({ status: 'absent', value: 0 });
    const ckd = assemblePatientFeatures(plainResources([...baseRecord(), cond([{ system: CODE_SYSTEMS.icd10, code: 'N18.3' }], daysAgo(500))]), NOW);
    expect(ckd.conditions.ckd.present).toBe(true);
  });

  it('counts a resolved myocardial infarction as ASCVD but not a refuted one, nor a resolved heart failure', () => {
    const resolved = { clinicalStatus: { coding: [{ system: CODE_SYSTEMS.conditionClinical, code: 'resolved' }] } };
    const refuted = { verificationStatus: { coding: [{ system: CODE_SYSTEMS.conditionVerification, code: 'refuted' }] } };
    const mi = assemblePatientFeatures(plainResources([...baseRecord(), cond([{ system: CODE_SYSTEMS.snomed, code: '22298006' }], daysAgo(900), resolved)]), NOW);
    const refutedMi = assemblePatientFeatures(plainResources([...baseRecord(), cond([{ system: CODE_SYSTEMS.snomed, code: '22298006' }], daysAgo(900), refuted)]), NOW);
    const hf = assemblePatientFeatures(plainResources([...baseRecord(), cond([{ system: CODE_SYSTEMS.icd10, code: 'I50.0' }], daysAgo(900), resolved)]), NOW);
    expect(mi.features.ascvd.value).toBe(1);
    expect(refutedMi.features.ascvd.value).toBe(0);
    expect(hf.features.heartFailure.value).toBe(0);
  });

  it('finds medullary thyroid carcinoma or MEN 2 by code or by name', () => {
    const byText = assemblePatientFeatures(plainResources([...baseRecord(), { ...cond([], daysAgo(900)), code: { text: 'MEN2A, RET carrier' } }]), NOW);
    const byCode = assemblePatientFeatures(plainResources([...baseRecord(), cond([{ system: CODE_SYSTEMS.snomed, code: '255032005' }], daysAgo(900))]), NOW);
    const women = assemblePatientFeatures(plainResources([...baseRecord(), { ...cond([], daysAgo(900)), code: { text: 'Women 2 visits' } }]), NOW);
    expect(byText.conditions.medullaryThyroidCarcinomaOrMen2.present).toBe(true);
    expect(byCode.conditions.medullaryThyroidCarcinomaOrMen2.present).toBe(true);
    expect(women.conditions.medullaryThyroidCarcinomaOrMen2.present).toBe(false);
  });

  it('ignores stopped, completed and proposed prescriptions; maps a fixed combination to both classes', () => {
    const resources = [...baseRecord(), rx('A10BK03', 'stopped'), rx('A10BB09', 'completed'), rx('A10BJ06', 'active', { intent: 'proposal' }), rx('A10BD07', 'active')];
    const a = assemblePatientFeatures(plainResources(resources), NOW);
    expect(a.features.onSglt2i.value).toBe(0);
    expect(a.features.onSulfonylurea.value).toBe(0);
    expect(a.features.onGlp1ra.value).toBe(0);
    expect(a.features.onDpp4i.value).toBe(1);
    expect(a.modelInput?.currentTherapy).toEqual(['metformin', 'dpp4i']);
  });

  it('ignores a prescription past its validity period', () => {
    const expired = rx('A10BH01', 'active', { dispenseRequest: { validityPeriod: { end: daysAgo(30) } } });
    expect(assemblePatientFeatures(plainResources([...baseRecord(), expired]), NOW).features.onDpp4i.value).toBe(0);
  });

  it('names every missing required input with the model\'s needs text', () => {
    const a = assemblePatientFeatures(plainResources([{ resourceType: 'Patient', id: 'x' }]), NOW);
    expect(a.modelInput).toBeNull();
    expect(a.refusals.map((r) => r.feature).sort()).toEqual(['ageYears', 'bmiKgM2', 'diabetesDurationYears', 'egfrMlMin173m2', 'hba1cMmolMol', 'sexMale']);
    expect(a.refusals.find((r) => r.feature === 'egfrMlMin173m2')?.message).toBe('needs an eGFR from the last 12 months');
  });

  it('names an out-of-range value and gives no model input', () => {
    const resources = [...without(baseRecord(), '62238-1'), obs('62238-1', 12, 'mL/min/{1.73_m2}', daysAgo(10))];
    const a = assemblePatientFeatures(plainResources(resources), NOW);
    expect(a.modelInput).toBeNull();
    expect(a.features.egfrMlMin173m2.status).toBe('outOfRange');
    expect(a.refusals).toEqual([{ feature: 'egfrMlMin173m2', kind: 'outOfRange', message: expect.stringContaining('outside the model\'s valid range 15–130') }]);
  });

  it('refuses a patient on insulin: outside the model\'s add-on setting', () => {
    const a = assemblePatientFeatures(plainResources([...baseRecord(), rx('A10AE04', 'active')]), NOW);
    expect(a.modelInput).toBeNull();
    expect(a.refusals).toEqual([expect.objectContaining({ feature: 'currentTherapy', kind: 'outOfScope' })]);
    expect(a.therapy.classes).toContain('basalInsulin');
  });

  it('ignores preliminary results and results dated in the future', () => {
    const resources = [...without(baseRecord(), '59261-8'), obs('59261-8', 60, 'mmol/mol', daysAgo(5), { status: 'preliminary' }), obs('59261-8', 61, 'mmol/mol', new Date(NOW.getTime() + 86_400_000).toISOString())];
    expect(assemblePatientFeatures(plainResources(resources), NOW).features.hba1cMmolMol.status).toBe('missing');
  });

  it('gives the chart series one point per day, IFCC preferred, with both units and every source', () => {
    const day = daysAgo(40);
    const resources = [...baseRecord(), obs('59261-8', 66, 'mmol/mol', day), obs('4548-4', 8.2, '%', day)];
    const s = assemblePatientFeatures(plainResources(resources), NOW).series.hba1c;
    expect(s.map((p) => p.value)).toEqual([66, 64]);
    expect(s[0]?.beside).toBeCloseTo(8.2, 1);
    expect(s[0]?.sources).toHaveLength(2);
  });
});
