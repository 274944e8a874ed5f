import type {
  CodeableConcept,
  Condition,
  DiagnosticReport,
  Encounter,
  MedicationRequest,
  MedicationStatement,
  Observation,
  Patient,
  Procedure,
  Reference,
} from '@medplum/fhirtypes';
import { NATIONAL_HEALTH_ID_SYSTEM } from '@/server/synthetic/demo-people';
import type { StoredResource } from '@/server/fhir/stored-resource';
import type { DataCategory } from '@/server/fhir/data-category';
import { CONDITIONS, DIABETES_DRUGS, DISEASE_STATUS, DISEASE_STATUS_LOINC, ECOG_ANSWERS, ECOG_LOINC, LABS, MCODE, STAGING_LOINC, SYSTEMS, type LabDefinition } from './codes';
import { REFERENCE_DATE, type Person } from './people';
import { createRandom, mixSeed, type Random } from './random';

export const EHR_DATASET_ID = 'ehr' as const;
const DAY = 86400_000;

const cc = (system: string, code: string, display: string): CodeableConcept => ({ coding: [{ system, code, display }], text: display });
const daysBefore = (days: number): Date => new Date(REFERENCE_DATE.getTime() - days * DAY);
const iso = (d: Date): string => d.toISOString();
const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Inverse of the CKD-EPI 2021 creatinine equation (Inker et al., NEJM 2021; PMID 34554658): serum creatinine (mg/dL) for an eGFR. */
export function creatinineForEgfr(egfr: number, age: number, sex: 'female' | 'male'): number {
  const kappa = sex === 'female' ? 0.7 : 0.9;
  const alpha = sex === 'female' ? -0.241 : -0.302;
  const base = 142 * 0.9938 ** age * (sex === 'female' ? 1.012 : 1);
  const above = kappa * (egfr / base) ** (-1 / 1.2);
  return above >= kappa ? above : kappa * (egfr / base) ** (1 / alpha);
}

/** HbA1c % from IFCC mmol/mol (CLINICAL.md: mmol/mol = 10.929 × (% − 2.15)). */
export function hba1cPercent(mmolMol: number): number {
  return mmolMol / 10.929 + 2.15;
}

class RecordBuilder {
  readonly out: StoredResource[] = [];
  private seq = 0;
  constructor(
    readonly provider: string,
    readonly person: Person,
    readonly patientId: string,
  ) {}

  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}-${this.patientId}-${this.seq}`;
  }

  get subject(): Reference<Patient> {
    return { reference: `Patient/${this.patientId}`, display: `${this.person.givenName} ${this.person.familyName}` };
  }

  add(resource: StoredResource['resource'], dataCategory: DataCategory, datasetId: string = EHR_DATASET_ID): void {
    this.out.push({ resource, datasetId, dataCategory, patientId: this.patientId, nationalId: this.person.nationalId });
  }

  observation(lab: LabDefinition, value: number, date: Date, digits = 1, encounter?: string): void {
    const obs: Observation = {
      resourceType: 'Observation',
      id: this.nextId('obs'),
      status: 'final',
      category: [cc(SYSTEMS.observationCategory, lab.category, lab.category === 'laboratory' ? 'Laboratory' : 'Vital Signs')],
      code: cc(SYSTEMS.loinc, lab.loinc, lab.display),
      subject: this.subject,
      effectiveDateTime: iso(date),
      issued: iso(date),
      valueQuantity: { value: round(value, digits), unit: lab.unit, system: SYSTEMS.ucum, code: lab.unit },
      ...(encounter ? { encounter: { reference: `Encounter/${encounter}` } } : {}),
    };
    this.add(obs as StoredResource['resource'], lab.category === 'laboratory' ? 'laboratory' : 'vitals');
  }
}

function patientResource(b: RecordBuilder): Patient & { id: string } {
  const p = b.person;
  return {
    resourceType: 'Patient',
    id: b.patientId,
    meta: p.oncology ? { profile: [MCODE.cancerPatient] } : undefined,
    identifier: [
      { use: 'official', system: NATIONAL_HEALTH_ID_SYSTEM, value: p.nationalId },
      { use: 'usual', system: `https://${b.provider}.example/fhir/mrn`, value: `MRN-${b.patientId}` },
    ],
    active: true,
    name: [{ use: 'official', family: p.familyName, given: [p.givenName] }],
    gender: p.sex,
    birthDate: p.birthDate,
    address: [{ country: 'LU' }],
  };
}

function ageAt(person: Person, date: Date): number {
  return (date.getTime() - new Date(person.birthDate).getTime()) / (365.25 * DAY);
}

function encounter(b: RecordBuilder, date: Date, reason: CodeableConcept, r: Random): string {
  const id = b.nextId('enc');
  const enc: Encounter = {
    resourceType: 'Encounter',
    id,
    status: 'finished',
    class: { system: SYSTEMS.actCode, code: 'AMB', display: 'ambulatory' },
    type: [cc(SYSTEMS.snomed, '185389009', 'Follow-up visit')],
    subject: b.subject,
    period: { start: iso(date), end: iso(new Date(date.getTime() + r.int(15, 45) * 60_000)) },
    reasonCode: [reason],
  };
  b.add(enc as StoredResource['resource'], 'encounters');
  return id;
}

function condition(b: RecordBuilder, def: { snomed: string; icd10: string; display: string }, onset: Date, category: DataCategory = 'conditions'): string {
  const id = b.nextId('cond');
  const c: Condition = {
    resourceType: 'Condition',
    id,
    clinicalStatus: cc(SYSTEMS.conditionClinical, 'active', 'Active'),
    verificationStatus: cc(SYSTEMS.conditionVerification, 'confirmed', 'Confirmed'),
    category: [cc('http://terminology.hl7.org/CodeSystem/condition-category', 'problem-list-item', 'Problem List Item')],
    code: { coding: [{ system: SYSTEMS.snomed, code: def.snomed, display: def.display }, { system: SYSTEMS.icd10, code: def.icd10 }], text: def.display },
    subject: b.subject,
    onsetDateTime: iso(onset),
    recordedDate: iso(onset),
  };
  b.add(c as StoredResource['resource'], category);
  return id;
}

function diabetesHistory(b: RecordBuilder, r: Random, shareOfVisits: number): void {
  const d = b.person.diabetes;
  if (!d) return;
  const p = b.person;
  const diagnosed = daysBefore(d.diagnosedYearsAgo * 365 + r.int(0, 200));
  condition(b, CONDITIONS.type2Diabetes, diagnosed);
  for (const c of d.comorbidities) condition(b, CONDITIONS[c], daysBefore(r.int(200, d.diagnosedYearsAgo * 365 + 400)));

  // Visits every ~6 months over the last min(duration, 4) years; the HbA1c drifts towards today's value
  // and rises before each therapy step (the step is why it rose).
  // Demo patients get four years of history; the generated population two, to keep 100k patients seedable.
  const years = Math.min(d.diagnosedYearsAgo, p.demo ? 4 : 2);
  const visits = Math.max(2, Math.round(years * 2 * shareOfVisits));
  const weightNow = d.bmi * (p.sex === 'female' ? 1.64 : 1.77) ** 2;
  for (let v = visits - 1; v >= 0; v -= 1) {
    const date = daysBefore(v * 182 + r.int(0, 20));
    const encId = encounter(b, date, cc(SYSTEMS.snomed, CONDITIONS.type2Diabetes.snomed, CONDITIONS.type2Diabetes.display), r);
    const drift = v / Math.max(1, visits - 1);
    const hba1c = Math.max(38, d.hba1cNow + r.normal(0, 3) + (v === 0 ? 0 : drift * r.normal(4, 4)));
    b.observation(LABS.hba1cIfcc, hba1c, date, 0, encId);
    b.observation(LABS.hba1cPercent, hba1cPercent(hba1c), date, 1, encId);
    b.observation(LABS.fastingGlucose, Math.max(4.5, 2.1 + hba1c * 0.1 + r.normal(0, 0.8)), date, 1, encId);
    const egfr = Math.max(10, d.egfrNow + v * r.float(0.5, 1.8) + r.normal(0, 3));
    b.observation(LABS.egfr, egfr, date, 0, encId);
    b.observation(LABS.creatinine, creatinineForEgfr(egfr, ageAt(p, date), p.sex), date, 2, encId);
    const weight = weightNow + v * r.normal(0.4, 0.6);
    b.observation(LABS.weight, weight, date, 1, encId);
    b.observation(LABS.bmi, weight / (weightNow / d.bmi), date, 1, encId);
    b.observation(LABS.systolic, r.normal(d.comorbidities.includes('hypertension') ? 138 : 126, 10), date, 0, encId);
    if (v % 2 === 0) {
      b.observation(LABS.alt, Math.max(6, d.altNow + r.normal(0, 5)), date, 0, encId);
      const tc = r.normal(d.comorbidities.includes('hyperlipidaemia') ? 205 : 180, 25);
      b.observation(LABS.totalCholesterol, tc, date, 0, encId);
      b.observation(LABS.hdl, Math.max(25, r.normal(p.sex === 'female' ? 52 : 43, 9)), date, 0, encId);
      b.observation(LABS.triglycerides, Math.max(60, r.normal(170, 55)), date, 0, encId);
      b.observation(LABS.uacr, Math.max(0.2, egfr < 60 ? r.normal(8, 5) : r.normal(1.5, 1)), date, 1, encId);
    }
  }

  // Therapy history: each drug started at a step after diagnosis, stated as taken now.
  d.therapy.forEach((drug, i) => {
    const def = DIABETES_DRUGS[drug];
    const started = daysBefore(Math.max(30, d.diagnosedYearsAgo * 365 - i * Math.floor((d.diagnosedYearsAgo * 365) / (d.therapy.length + 1)) - r.int(0, 60)));
    const medication = cc(SYSTEMS.atc, def.atc, def.display);
    const request: MedicationRequest = {
      resourceType: 'MedicationRequest',
      id: b.nextId('medrx'),
      status: 'active',
      intent: 'order',
      medicationCodeableConcept: medication,
      subject: b.subject,
      authoredOn: iso(started),
      dosageInstruction: [{ text: def.dose }],
      reasonCode: [cc(SYSTEMS.snomed, CONDITIONS.type2Diabetes.snomed, CONDITIONS.type2Diabetes.display)],
    };
    const statement: MedicationStatement = {
      resourceType: 'MedicationStatement',
      id: b.nextId('medst'),
      status: 'active',
      medicationCodeableConcept: medication,
      subject: b.subject,
      effectivePeriod: { start: iso(started) },
      dateAsserted: iso(daysBefore(r.int(0, 30))),
      dosage: [{ text: def.dose }],
    };
    b.add(request as StoredResource['resource'], 'medications');
    b.add(statement as StoredResource['resource'], 'medications');
  });
  if (d.comorbidities.includes('hyperlipidaemia')) {
    const def = DIABETES_DRUGS.atorvastatin;
    const rx: MedicationRequest = { resourceType: 'MedicationRequest', id: b.nextId('medrx'), status: 'active', intent: 'order', medicationCodeableConcept: cc(SYSTEMS.atc, def.atc, def.display), subject: b.subject, authoredOn: iso(daysBefore(r.int(100, 1500))), dosageInstruction: [{ text: def.dose }] };
    b.add(rx as StoredResource['resource'], 'medications');
  }
  // A lab panel report tying the latest results together.
  const report: DiagnosticReport = {
    resourceType: 'DiagnosticReport',
    id: b.nextId('dr'),
    status: 'final',
    category: [cc('http://terminology.hl7.org/CodeSystem/v2-0074', 'LAB', 'Laboratory')],
    code: cc(SYSTEMS.loinc, '24323-8', 'Comprehensive metabolic 2000 panel - Serum or Plasma'),
    subject: b.subject,
    effectiveDateTime: iso(daysBefore(0)),
    issued: iso(daysBefore(0)),
    conclusion: 'Synthetic laboratory panel.',
  };
  b.add(report as StoredResource['resource'], 'laboratory');
}

function stagingObservation(b: RecordBuilder, profile: string, loinc: string, display: string, value: string, date: Date, conditionId: string): void {
  const obs: Observation = {
    resourceType: 'Observation',
    id: b.nextId('obs'),
    meta: { profile: [profile] },
    status: 'final',
    category: [cc(SYSTEMS.observationCategory, 'survey', 'Survey')],
    code: cc(SYSTEMS.loinc, loinc, display),
    subject: b.subject,
    effectiveDateTime: iso(date),
    valueCodeableConcept: cc(SYSTEMS.ajcc, value, value),
    focus: [{ reference: `Condition/${conditionId}` }],
    method: cc(SYSTEMS.snomed, '897275008', 'American Joint Commission on Cancer, Cancer Staging Manual, 8th edition neoplasm staging system'),
  };
  b.add(obs as StoredResource['resource'], 'oncology');
}

function oncologyCase(b: RecordBuilder, r: Random, full: boolean): void {
  const o = b.person.oncology;
  if (!o) return;
  const diagnosed = daysBefore(o.diagnosedMonthsAgo * 30);
  const c = o.cancer;
  const conditionId = b.nextId('cond');
  const primary: Condition = {
    resourceType: 'Condition',
    id: conditionId,
    meta: { profile: [MCODE.primaryCancerCondition] },
    extension: [{ url: MCODE.histologyExtension, valueCodeableConcept: cc(SYSTEMS.snomed, c.histology.snomed, c.histology.display) }],
    clinicalStatus: cc(SYSTEMS.conditionClinical, 'active', 'Active'),
    verificationStatus: cc(SYSTEMS.conditionVerification, 'confirmed', 'Confirmed'),
    category: [cc(SYSTEMS.snomed, '64572001', 'Disease')],
    code: { coding: [{ system: SYSTEMS.snomed, code: c.snomed, display: c.display }, { system: SYSTEMS.icd10, code: c.icd10 }], text: c.display },
    bodySite: [cc(SYSTEMS.snomed, c.bodySite.snomed, c.bodySite.display)],
    subject: b.subject,
    onsetDateTime: iso(diagnosed),
    recordedDate: iso(diagnosed),
  };
  b.add(primary as StoredResource['resource'], 'oncology');
  encounter(b, diagnosed, cc(SYSTEMS.snomed, c.snomed, c.display), r);
  if (full) {
    const L = STAGING_LOINC.clinical;
    stagingObservation(b, MCODE.tnmT, L.t, 'Primary tumor.clinical [Class] Cancer', `c${o.t}`, diagnosed, conditionId);
    stagingObservation(b, MCODE.tnmN, L.n, 'Regional lymph nodes.clinical [Class] Cancer', `c${o.n}`, diagnosed, conditionId);
    stagingObservation(b, MCODE.tnmM, L.m, 'Distant metastases.clinical [Class] Cancer', `c${o.m}`, diagnosed, conditionId);
    stagingObservation(b, MCODE.stageGroup, L.group, 'Stage group.clinical Cancer', o.stage, diagnosed, conditionId);
    c.markers.forEach((marker, i) => {
      const value = o.markerValues[i] ?? 'Negative';
      const numeric = Number(value);
      const obs: Observation = {
        resourceType: 'Observation',
        id: b.nextId('obs'),
        meta: { profile: [MCODE.tumorMarker] },
        status: 'final',
        category: [cc(SYSTEMS.observationCategory, 'laboratory', 'Laboratory')],
        code: cc(SYSTEMS.loinc, marker.loinc, marker.display),
        subject: b.subject,
        effectiveDateTime: iso(diagnosed),
        ...(Number.isFinite(numeric)
          ? { valueQuantity: { value: numeric, unit: marker.values[0] ?? '', system: SYSTEMS.ucum, code: marker.values[0] ?? '' } }
          : { valueCodeableConcept: cc(SYSTEMS.snomed, value === 'Positive' ? '10828004' : '260385009', value) }),
      };
      b.add(obs as StoredResource['resource'], 'oncology');
    });
    const surgery: Procedure = {
      resourceType: 'Procedure',
      id: b.nextId('proc'),
      meta: { profile: [MCODE.surgery] },
      status: 'completed',
      code: cc(SYSTEMS.snomed, c.surgery.snomed, c.surgery.display),
      subject: b.subject,
      performedDateTime: iso(new Date(diagnosed.getTime() + r.int(14, 40) * DAY)),
      reasonReference: [{ reference: `Condition/${conditionId}` }],
      bodySite: [cc(SYSTEMS.snomed, c.bodySite.snomed, c.bodySite.display)],
    };
    if (o.stage !== 'IV') b.add(surgery as StoredResource['resource'], 'oncology');
    if (o.stage === 'III' || r.chance(0.3)) {
      const rt: Procedure = {
        resourceType: 'Procedure',
        id: b.nextId('proc'),
        meta: { profile: [MCODE.radiotherapy] },
        status: 'completed',
        code: cc(SYSTEMS.snomed, '1217123003', 'Radiotherapy course of treatment'),
        subject: b.subject,
        performedPeriod: { start: iso(new Date(diagnosed.getTime() + 60 * DAY)), end: iso(new Date(diagnosed.getTime() + 95 * DAY)) },
        reasonReference: [{ reference: `Condition/${conditionId}` }],
      };
      b.add(rt as StoredResource['resource'], 'oncology');
    }
    const therapy = o.variantIndex !== null && c.variants[o.variantIndex] ? c.therapies[0] : c.therapies[c.therapies.length - 1];
    if (therapy) {
      const rx: MedicationRequest = {
        resourceType: 'MedicationRequest',
        id: b.nextId('medrx'),
        meta: { profile: [MCODE.medicationRequest] },
        status: 'active',
        intent: 'order',
        medicationCodeableConcept: cc(SYSTEMS.atc, therapy.atc, therapy.display),
        subject: b.subject,
        authoredOn: iso(new Date(diagnosed.getTime() + 45 * DAY)),
        reasonReference: [{ reference: `Condition/${conditionId}` }],
      };
      b.add(rx as StoredResource['resource'], 'oncology');
    }
    const ecog: Observation = {
      resourceType: 'Observation',
      id: b.nextId('obs'),
      meta: { profile: [MCODE.ecog] },
      status: 'final',
      category: [cc(SYSTEMS.observationCategory, 'survey', 'Survey')],
      code: cc(SYSTEMS.loinc, ECOG_LOINC, 'ECOG Performance Status score'),
      subject: b.subject,
      effectiveDateTime: iso(daysBefore(r.int(5, 30))),
      valueInteger: o.ecog,
      interpretation: [cc(SYSTEMS.loinc, ECOG_ANSWERS[o.ecog], `ECOG ${o.ecog}`)],
    };
    b.add(ecog as StoredResource['resource'], 'oncology');
  }
  for (const monthsAgo of full ? [6, 3, 0] : [0]) {
    if (monthsAgo > o.diagnosedMonthsAgo) continue;
    const status = monthsAgo === 0 ? DISEASE_STATUS[o.status] : DISEASE_STATUS.stable;
    const obs: Observation = {
      resourceType: 'Observation',
      id: b.nextId('obs'),
      meta: { profile: [MCODE.diseaseStatus] },
      status: 'final',
      category: [cc(SYSTEMS.observationCategory, 'survey', 'Survey')],
      code: cc(SYSTEMS.loinc, DISEASE_STATUS_LOINC, 'Cancer disease progression'),
      subject: b.subject,
      focus: [{ reference: `Condition/${conditionId}` }],
      effectiveDateTime: iso(daysBefore(monthsAgo * 30 + r.int(0, 10))),
      valueCodeableConcept: cc(SYSTEMS.snomed, status.code, status.display),
    };
    b.add(obs as StoredResource['resource'], 'oncology');
  }
}

/** Logical Patient id of a person at a provider (stable across runs). */
export function patientIdAt(provider: string, person: Person): string {
  const prefix = provider === 'alzette-hospital' ? 'az' : provider === 'moselle-clinic' ? 'mc' : 'ri';
  return person.index < 0 ? `${prefix}-demo${-person.index}` : `${prefix}-${person.index}`;
}

/**
 * The record one hospital holds of one person. A person at two hospitals has a full record at the first
 * and a shorter one (fewer visits, follow-up of the cancer) at the second.
 */
export function hospitalRecord(seed: number, provider: string, person: Person): StoredResource[] {
  const r = createRandom(mixSeed(seed, person.index, provider === 'moselle-clinic' ? 3 : 2));
  const b = new RecordBuilder(provider, person, patientIdAt(provider, person));
  const primary = person.heldBy[0] === provider;
  b.add(patientResource(b), 'demographics');
  if (!person.diabetes && !person.oncology) {
    // Everyone else: one visit with vital signs.
    const date = daysBefore(r.int(10, 700));
    const encId = encounter(b, date, cc(SYSTEMS.snomed, '185349003', 'Encounter for check up'), r);
    const height = person.sex === 'female' ? 1.64 : 1.77;
    const bmi = Math.max(18, r.normal(26, 4));
    b.observation(LABS.weight, bmi * height * height, date, 1, encId);
    b.observation(LABS.bmi, bmi, date, 1, encId);
    b.observation(LABS.systolic, r.normal(124, 12), date, 0, encId);
    if (r.chance(0.3)) condition(b, CONDITIONS.hypertension, daysBefore(r.int(400, 3000)));
  }
  diabetesHistory(b, r, primary ? 1 : 0.5);
  oncologyCase(b, r, primary);
  return b.out;
}
