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
import { CODE_SYSTEMS as SYSTEMS, NATIONAL_HEALTH_ID_SYSTEM, medicalRecordNumberSystem } from '@/server/terminology/code-systems';
import { CONDITIONS, SNOMED_OTHER, type ConditionDefinition } from '@/server/terminology/conditions';
import { LABS, OTHER_LAB_CODES, type LabDefinition } from '@/server/terminology/labs';
import { CANCER_MEDICINES, DIABETES_MEDICINES } from '@/server/terminology/medications';
import { DISEASE_STATUS, DISEASE_STATUS_DISPLAY, DISEASE_STATUS_LOINC, ECOG_ANSWERS, ECOG_DISPLAY, ECOG_LOINC, LATERALITY, LATERALITY_EXTENSION, MCODE, PATHOLOGICAL_STAGING_DISPLAY, STAGING_DISPLAY, STAGING_LOINC } from '@/server/terminology/mcode';
import { hba1cPercentFromMmolMol } from '@/server/terminology/units';
import { syntheticDosage } from './doses';
import type { StoredResource } from '@/server/fhir/stored-resource';
import type { DataCategory } from '@/server/fhir/data-category';
import { molecularReport } from './genomics-record';
import { oncologyCourse } from './oncology-course';
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

function patientResource(b: RecordBuilder, seed: number): Patient & { id: string } {
  const p = b.person;
  const death = oncologyCourse(p, seed)?.deathMonths ?? null;
  const diagnosed = p.oncology ? daysBefore(p.oncology.diagnosedMonthsAgo * 30) : null;
  return {
    resourceType: 'Patient',
    id: b.patientId,
    meta: p.oncology ? { profile: [MCODE.cancerPatient] } : undefined,
    identifier: [
      { use: 'official', system: NATIONAL_HEALTH_ID_SYSTEM, value: p.nationalId },
      { use: 'usual', system: medicalRecordNumberSystem(b.provider), value: `MRN-${b.patientId}` },
    ],
    active: true,
    name: [{ use: 'official', family: p.familyName, given: [p.givenName] }],
    gender: p.sex,
    birthDate: p.birthDate,
    address: [{ country: 'LU' }],
    // Date of death (mCODE CancerPatient; the base of overall survival).
    ...(death !== null && diagnosed ? { deceasedDateTime: iso(monthsAfter(diagnosed, death)), active: false } : {}),
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
    type: [cc(SYSTEMS.snomed, SNOMED_OTHER.followUpVisit.code, SNOMED_OTHER.followUpVisit.display)],
    subject: b.subject,
    period: { start: iso(date), end: iso(new Date(date.getTime() + r.int(15, 45) * 60_000)) },
    reasonCode: [reason],
  };
  b.add(enc as StoredResource['resource'], 'encounters');
  return id;
}

function condition(b: RecordBuilder, def: ConditionDefinition | { snomed: string; icd10: string; display: string }, onset: Date, category: DataCategory = 'conditions'): string {
  const id = b.nextId('cond');
  const c: Condition = {
    resourceType: 'Condition',
    id,
    clinicalStatus: cc(SYSTEMS.conditionClinical, 'active', 'Active'),
    verificationStatus: cc(SYSTEMS.conditionVerification, 'confirmed', 'Confirmed'),
    category: [cc(SYSTEMS.conditionCategory, 'problem-list-item', 'Problem List Item')],
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
    b.observation(LABS.hba1cPercent, hba1cPercentFromMmolMol(hba1c), date, 1, encId);
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
    const def = { ...DIABETES_MEDICINES[drug], display: DIABETES_MEDICINES[drug].name.en, dosage: syntheticDosage(drug) };
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
      dosageInstruction: [def.dosage],
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
      dosage: [def.dosage],
    };
    b.add(request as StoredResource['resource'], 'medications');
    b.add(statement as StoredResource['resource'], 'medications');
  });
  if (d.comorbidities.includes('hyperlipidaemia')) {
    const def = { ...DIABETES_MEDICINES.atorvastatin, display: DIABETES_MEDICINES.atorvastatin.name.en, dosage: syntheticDosage('atorvastatin') };
    const rx: MedicationRequest = { resourceType: 'MedicationRequest', id: b.nextId('medrx'), status: 'active', intent: 'order', medicationCodeableConcept: cc(SYSTEMS.atc, def.atc, def.display), subject: b.subject, authoredOn: iso(daysBefore(r.int(100, 1500))), dosageInstruction: [def.dosage] };
    b.add(rx as StoredResource['resource'], 'medications');
  }
  // A lab panel report tying the latest results together.
  const report: DiagnosticReport = {
    resourceType: 'DiagnosticReport',
    id: b.nextId('dr'),
    status: 'final',
    category: [cc(SYSTEMS.diagnosticServiceSection, 'LAB', 'Laboratory')],
    code: cc(SYSTEMS.loinc, OTHER_LAB_CODES.metabolicPanel.loinc, 'Comprehensive metabolic 2000 panel - Serum or Plasma'),
    subject: b.subject,
    effectiveDateTime: iso(daysBefore(0)),
    issued: iso(daysBefore(0)),
    conclusion: 'Synthetic laboratory panel.',
  };
  b.add(report as StoredResource['resource'], 'laboratory');
}

function stagingObservation(b: RecordBuilder, profile: string, loinc: string, display: string, value: string, date: Date, conditionId: string, members: string[] = []): string {
  const id = b.nextId('obs');
  const obs: Observation = {
    resourceType: 'Observation',
    id,
    meta: { profile: [profile] },
    status: 'final',
    category: [cc(SYSTEMS.observationCategory, 'survey', 'Survey')],
    code: cc(SYSTEMS.loinc, loinc, display),
    subject: b.subject,
    effectiveDateTime: iso(date),
    valueCodeableConcept: cc(SYSTEMS.ajcc, value, value),
    focus: [{ reference: `Condition/${conditionId}` }],
    method: cc(SYSTEMS.snomed, SNOMED_OTHER.ajcc8.code, SNOMED_OTHER.ajcc8.display),
    ...(members.length ? { hasMember: members.map((m) => ({ reference: `Observation/${m}` })) } : {}),
  };
  b.add(obs as StoredResource['resource'], 'oncology');
  return id;
}

/** TNM categories and stage group (AJCC 8th edition), clinical ("c" prefix) or pathological ("p"). */
function staging(b: RecordBuilder, kind: 'clinical' | 'pathological', tnm: { t: string; n: string; m: string; stage: string }, date: Date, conditionId: string): void {
  const L = STAGING_LOINC[kind];
  const D = kind === 'clinical' ? STAGING_DISPLAY : PATHOLOGICAL_STAGING_DISPLAY;
  const prefix = kind === 'clinical' ? 'c' : 'p';
  const t = stagingObservation(b, MCODE.tnmT, L.t, D.t, `${prefix}${tnm.t}`, date, conditionId);
  const n = stagingObservation(b, MCODE.tnmN, L.n, D.n, `${prefix}${tnm.n}`, date, conditionId);
  const m = stagingObservation(b, MCODE.tnmM, L.m, D.m, `${kind === 'pathological' && tnm.m === 'M0' ? 'c' : prefix}${tnm.m}`, date, conditionId);
  stagingObservation(b, MCODE.stageGroup, L.group, D.group, tnm.stage, date, conditionId, [t, n, m]);
}

const monthsAfter = (start: Date, months: number): Date => new Date(start.getTime() + months * 30.4375 * DAY);

function diseaseStatus(b: RecordBuilder, conditionId: string, status: (typeof DISEASE_STATUS)[keyof typeof DISEASE_STATUS], date: Date): void {
  const obs: Observation = {
    resourceType: 'Observation',
    id: b.nextId('obs'),
    meta: { profile: [MCODE.diseaseStatus] },
    status: 'final',
    category: [cc(SYSTEMS.observationCategory, 'survey', 'Survey')],
    code: cc(SYSTEMS.loinc, DISEASE_STATUS_LOINC, DISEASE_STATUS_DISPLAY),
    subject: b.subject,
    focus: [{ reference: `Condition/${conditionId}` }],
    effectiveDateTime: iso(date),
    valueCodeableConcept: cc(SYSTEMS.snomed, status.code, status.display),
  };
  b.add(obs as StoredResource['resource'], 'oncology');
}

/**
 * An oncology case in mCODE STU4 terms: primary cancer condition (ICD-10 and SNOMED CT, histology,
 * laterality), clinical and pathological TNM with stage group, tumour markers, ECOG, surgery,
 * radiotherapy, systemic therapy lines, disease status every three months (worsened at each
 * progression), and the molecular report the lab sent. The treating (first) hospital holds all of it;
 * the second holds the condition and the latest assessments.
 */
function oncologyCase(b: RecordBuilder, r: Random, full: boolean, seed: number): void {
  const o = b.person.oncology;
  const course = oncologyCourse(b.person, seed);
  if (!o || !course) return;
  const diagnosed = daysBefore(o.diagnosedMonthsAgo * 30);
  const c = o.cancer;
  const variant = o.variantIndex === null ? null : (c.variants[o.variantIndex] ?? null);
  const conditionId = b.nextId('cond');
  const laterality = course.laterality ? LATERALITY[course.laterality] : null;
  const bodySite: CodeableConcept = {
    ...cc(SYSTEMS.snomed, c.bodySite.snomed, c.bodySite.display),
    ...(laterality ? { extension: [{ url: LATERALITY_EXTENSION, valueCodeableConcept: cc(SYSTEMS.snomed, laterality.code, laterality.display) }] } : {}),
  };
  const primary: Condition = {
    resourceType: 'Condition',
    id: conditionId,
    meta: { profile: [MCODE.primaryCancerCondition] },
    extension: [{ url: MCODE.histologyExtension, valueCodeableConcept: cc(SYSTEMS.snomed, c.histology.snomed, c.histology.display) }],
    clinicalStatus: cc(SYSTEMS.conditionClinical, 'active', 'Active'),
    verificationStatus: cc(SYSTEMS.conditionVerification, 'confirmed', 'Confirmed'),
    category: [cc(SYSTEMS.conditionCategory, 'problem-list-item', 'Problem List Item'), cc(SYSTEMS.snomed, SNOMED_OTHER.disease.code, SNOMED_OTHER.disease.display)],
    code: { coding: [{ system: SYSTEMS.snomed, code: c.snomed, display: c.display }, { system: SYSTEMS.icd10, code: c.icd10 }], text: c.display },
    bodySite: [bodySite],
    subject: b.subject,
    onsetDateTime: iso(diagnosed),
    recordedDate: iso(diagnosed),
  };
  b.add(primary as StoredResource['resource'], 'oncology');
  encounter(b, diagnosed, cc(SYSTEMS.snomed, c.snomed, c.display), r);
  // Follow-up ends today, or at death.
  const lastMonth = course.deathMonths ?? o.diagnosedMonthsAgo;
  if (full) {
    staging(b, 'clinical', { t: o.t, n: o.n, m: o.m, stage: o.stage }, diagnosed, conditionId);
    c.markers.forEach((marker, i) => {
      // An ERBB2-amplified breast cancer is HER2-positive by definition (ASCO/CAP 2018: ISH amplified).
      const value = variant?.kind === 'amplification' && marker.loinc === '48676-1' ? 'Positive' : (o.markerValues[i] ?? 'Negative');
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
          : { valueCodeableConcept: cc(SYSTEMS.snomed, value === 'Positive' ? SNOMED_OTHER.positive.code : SNOMED_OTHER.negative.code, value) }),
      };
      b.add(obs as StoredResource['resource'], 'oncology');
    });
    if (o.stage !== 'IV') {
      const operated = new Date(diagnosed.getTime() + r.int(14, 40) * DAY);
      const surgery: Procedure = {
        resourceType: 'Procedure',
        id: b.nextId('proc'),
        meta: { profile: [MCODE.surgery] },
        status: 'completed',
        code: cc(SYSTEMS.snomed, c.surgery.snomed, c.surgery.display),
        subject: b.subject,
        performedDateTime: iso(operated),
        reasonReference: [{ reference: `Condition/${conditionId}` }],
        bodySite: [bodySite],
      };
      b.add(surgery as StoredResource['resource'], 'oncology');
      if (course.pathological) staging(b, 'pathological', course.pathological, new Date(operated.getTime() + 7 * DAY), conditionId);
    }
    if (o.stage === 'III' || r.chance(0.3)) {
      const rt: Procedure = {
        resourceType: 'Procedure',
        id: b.nextId('proc'),
        meta: { profile: [MCODE.radiotherapy] },
        status: 'completed',
        code: cc(SYSTEMS.snomed, SNOMED_OTHER.radiotherapyCourse.code, SNOMED_OTHER.radiotherapyCourse.display),
        subject: b.subject,
        performedPeriod: { start: iso(new Date(diagnosed.getTime() + 60 * DAY)), end: iso(new Date(diagnosed.getTime() + 95 * DAY)) },
        reasonReference: [{ reference: `Condition/${conditionId}` }],
      };
      b.add(rt as StoredResource['resource'], 'oncology');
    }
    for (const line of course.lines) {
      for (const drug of line.drugs) {
        const medicine = CANCER_MEDICINES[drug];
        const ended = line.endMonths !== null && line.endMonths <= lastMonth;
        const rx: MedicationRequest = {
          resourceType: 'MedicationRequest',
          id: b.nextId('medrx'),
          meta: { profile: [MCODE.medicationRequest] },
          status: ended ? (line.setting === 'adjuvant' ? 'completed' : 'stopped') : 'active',
          intent: 'order',
          medicationCodeableConcept: cc(SYSTEMS.atc, medicine.atc, medicine.name.en),
          subject: b.subject,
          requester: { display: `Oncology department, ${b.provider}` },
          authoredOn: iso(monthsAfter(diagnosed, line.startMonths)),
          reasonReference: [{ reference: `Condition/${conditionId}` }],
          // The line of therapy, as tumour boards and trials count it (0: adjuvant, not a line).
          note: [{ text: line.setting === 'adjuvant' ? 'adjuvant therapy' : `line ${line.line} (advanced disease)` }],
          dispenseRequest: { validityPeriod: { start: iso(monthsAfter(diagnosed, line.startMonths)), ...(ended && line.endMonths !== null ? { end: iso(monthsAfter(diagnosed, line.endMonths)) } : {}) } },
        };
        b.add(rx as StoredResource['resource'], 'oncology');
      }
    }
    const ecog: Observation = {
      resourceType: 'Observation',
      id: b.nextId('obs'),
      meta: { profile: [MCODE.ecog] },
      status: 'final',
      category: [cc(SYSTEMS.observationCategory, 'survey', 'Survey')],
      code: cc(SYSTEMS.loinc, ECOG_LOINC, ECOG_DISPLAY),
      subject: b.subject,
      effectiveDateTime: iso(course.deathMonths === null ? daysBefore(r.int(5, 30)) : monthsAfter(diagnosed, Math.max(0, course.deathMonths - 1))),
      valueInteger: o.ecog,
      interpretation: [cc(SYSTEMS.loinc, ECOG_ANSWERS[o.ecog], `ECOG ${o.ecog}`)],
    };
    b.add(ecog as StoredResource['resource'], 'oncology');
    for (const res of molecularReport({ patientId: b.patientId, person: b.person, datasetId: EHR_DATASET_ID, seed })) b.add(res.resource, res.dataCategory);
  }
  // Disease status every three months (the first assessment three months after diagnosis); the second
  // hospital sees only the latest two. "Worsened" at the assessment that found each progression, then
  // "improved" or "stable" on the next line.
  const assessments: Array<{ month: number; status: (typeof DISEASE_STATUS)[keyof typeof DISEASE_STATUS] }> = [];
  let seen = 0;
  for (let m = 3; m <= lastMonth + 0.01; m += 3) {
    const progressed = course.progressions.filter((p) => p <= m).length;
    const status = progressed > seen ? DISEASE_STATUS.worsened : m === 3 && o.status === 'improved' ? DISEASE_STATUS.improved : progressed > 0 && r.chance(0.3) ? DISEASE_STATUS.improved : DISEASE_STATUS.stable;
    seen = progressed;
    assessments.push({ month: m, status });
  }
  // The latest assessment (today, or just before death) says what the story says.
  const latest = course.deathMonths !== null ? DISEASE_STATUS.worsened : DISEASE_STATUS[o.status];
  assessments.push({ month: lastMonth, status: latest });
  for (const a of full ? assessments : assessments.slice(-2)) diseaseStatus(b, conditionId, a.status, monthsAfter(diagnosed, a.month));
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
  b.add(patientResource(b, seed), 'demographics');
  if (!person.diabetes && !person.oncology) {
    // Everyone else: one visit with vital signs.
    const date = daysBefore(r.int(10, 700));
    const encId = encounter(b, date, cc(SYSTEMS.snomed, SNOMED_OTHER.checkUp.code, SNOMED_OTHER.checkUp.display), r);
    const height = person.sex === 'female' ? 1.64 : 1.77;
    const bmi = Math.max(18, r.normal(26, 4));
    b.observation(LABS.weight, bmi * height * height, date, 1, encId);
    b.observation(LABS.bmi, bmi, date, 1, encId);
    b.observation(LABS.systolic, r.normal(124, 12), date, 0, encId);
    if (r.chance(0.3)) condition(b, CONDITIONS.hypertension, daysBefore(r.int(400, 3000)));
  }
  diabetesHistory(b, r, primary ? 1 : 0.5);
  oncologyCase(b, r, primary, seed);
  return b.out;
}
