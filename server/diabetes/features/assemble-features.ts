import type { Condition, Medication, MedicationRequest, Observation, Patient, Resource } from '@medplum/fhirtypes';
import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { CURRENT_THERAPY_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import type { TTherapyModelInput } from '@/server/diabetes/model/input-schema';
import { ZTherapyModelInputSchema } from '@/server/diabetes/model/input-schema';
import type { PatientFeatureName } from '@/server/diabetes/model/patient-features';
import { CURRENT_THERAPY_FEATURE, OPTIONAL_FEATURE_NAMES, PATIENT_FEATURES, PATIENT_FEATURE_NAMES } from '@/server/diabetes/model/patient-features';
import { observationDate } from '@/server/records/observation-value';
import { creatinineMgDlFromUmolL } from '@/server/terminology/units';
import { conditionFindings, conditionOnset } from './condition-findings';
import { currentTherapy } from './current-therapy';
import { seriesOf } from './feature-series';
import type { AssembledFeature, FeatureProvenance, FeatureRefusal, FeatureResource, PatientFeatureAssembly } from './feature-types';
import type { Measure, Reading, UnusableReading } from './observation-readings';
import { MEASURES, readingsOf } from './observation-readings';

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

/**
 * How old a value may be and still describe the patient now. HbA1c reflects about three months of
 * glycaemia and ADA 2025 section 6 asks for it at least twice a year, so 6 months; eGFR, lipids and BMI
 * are measured at the annual review (ADA 2025 sections 4, 10, 11: at least yearly), so 12 months. ALT,
 * blood pressure and UACR follow the annual review too.
 */
export const VALIDITY_MONTHS: Record<Exclude<Measure, 'height'>, number> = {
  hba1c: 6,
  egfr: 12,
  creatinine: 12,
  bmi: 12,
  weight: 12,
  alt: 12,
  hdl: 12,
  totalCholesterol: 12,
  triglycerides: 12,
  systolic: 12,
  uacr: 12,
};

const MEASURE_OF_FEATURE: Partial<Record<PatientFeatureName, Measure>> = {
  hba1cMmolMol: 'hba1c',
  altUL: 'alt',
  hdlMmolL: 'hdl',
  triglyceridesMmolL: 'triglycerides',
  totalCholesterolMmolL: 'totalCholesterol',
  systolicBpMmHg: 'systolic',
  uacrMgMmol: 'uacr',
};

const round1 = (v: number): number => Math.round(v * 10) / 10;
const dayOf = (date: string): string => date.slice(0, 10);

function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

function provenanceOf(resource: Resource, source: FeatureResource['source'], date: string | null): FeatureProvenance {
  return {
    resource: `${resource.resourceType}/${resource.id ?? ''}`,
    versionId: resource.meta?.versionId ?? null,
    providerId: source?.providerId ?? null,
    datasetId: source?.datasetId ?? null,
    agreementId: source?.agreementId ?? null,
    fhirUrl: source?.fhirUrl ?? null,
    date,
  };
}

const needsOf = (name: PatientFeatureName): string => (PATIENT_FEATURES[name] as { needs?: string }).needs ?? PATIENT_FEATURES[name].label;

function blank(name: PatientFeatureName, reason: string | null): AssembledFeature {
  return { name, status: 'missing', value: null, unit: PATIENT_FEATURES[name].unit, reported: null, derivation: null, date: null, sources: [], reason };
}

/** A value's status against the model's range: out-of-range values are named, never passed on. */
function withRange(f: AssembledFeature): AssembledFeature {
  if (f.value === null) return f;
  const def = PATIENT_FEATURES[f.name];
  if (f.value >= def.min && f.value <= def.max) return f;
  return { ...f, status: 'outOfRange', reason: `${def.label} ${round1(f.value)} ${def.unit}${f.date ? ` (${dayOf(f.date)})` : ''} is outside the model's valid range ${def.min}–${def.max} ${def.unit}` };
}

function fromReading(name: PatientFeatureName, r: Reading, derivation: string | null = null): AssembledFeature {
  return withRange({
    name,
    status: 'present',
    value: round1(r.value),
    unit: PATIENT_FEATURES[name].unit,
    reported: r.converted ? r.reported : null,
    derivation: derivation ?? (r.converted ? `converted from ${r.reported.value} ${r.reported.unit}` : null),
    date: r.date,
    sources: [r.provenance],
    reason: null,
  });
}

/** Newest first; IFCC before NGSP and as-reported before converted on the same instant. */
const newestFirst = (a: Reading, b: Reading): number => b.date.localeCompare(a.date) || Number(a.converted) - Number(b.converted);

interface Pool {
  readings: Reading[];
  unusable: UnusableReading[];
  now: Date;
}

/** The latest reading of a measure within its validity window, and the newest older one (to say why it is not used). */
function latest(pool: Pool, measure: Exclude<Measure, 'height'>): { fresh: Reading | null; stale: Reading | null } {
  const since = monthsBefore(pool.now, VALIDITY_MONTHS[measure]).getTime();
  const all = pool.readings.filter((r) => r.measure === measure && new Date(r.date).getTime() <= pool.now.getTime()).sort(newestFirst);
  const fresh = all.find((r) => new Date(r.date).getTime() >= since) ?? null;
  return { fresh, stale: fresh ? null : (all[0] ?? null) };
}

function missingReason(name: PatientFeatureName, pool: Pool, measures: readonly Exclude<Measure, 'height'>[], stale: Reading | null): string {
  const parts = [`needs ${needsOf(name)}`];
  if (stale && stale.measure !== 'height') parts.push(`the latest, ${round1(stale.value)} ${MEASURES[stale.measure].unit} on ${dayOf(stale.date)}, is older than ${VALIDITY_MONTHS[stale.measure]} months`);
  const odd = pool.unusable.find((u) => measures.includes(u.measure as Exclude<Measure, 'height'>));
  if (odd) parts.push(`a value in a unit the app does not convert (${odd.reported.value} ${odd.reported.unit || 'no unit'}, ${odd.provenance.resource}) was not used`);
  return parts.join('; ');
}

function labFeature(name: PatientFeatureName, pool: Pool): AssembledFeature {
  const measure = MEASURE_OF_FEATURE[name] as Exclude<Measure, 'height'>;
  const { fresh, stale } = latest(pool, measure);
  return fresh ? fromReading(name, fresh) : blank(name, missingReason(name, pool, [measure], stale));
}

/** BMI as reported, or weight ÷ height² (WHO) when the weight is newer; height from any time (adults). */
function bmiFeature(pool: Pool): AssembledFeature {
  const bmi = latest(pool, 'bmi');
  const weight = latest(pool, 'weight');
  const height = pool.readings.filter((r) => r.measure === 'height' && new Date(r.date).getTime() <= pool.now.getTime()).sort(newestFirst)[0];
  const computedFirst = weight.fresh && height && (!bmi.fresh || weight.fresh.date > bmi.fresh.date);
  if (computedFirst && weight.fresh && height) {
    const m = height.value / 100;
    return withRange({
      name: 'bmiKgM2',
      status: 'present',
      value: round1(weight.fresh.value / (m * m)),
      unit: PATIENT_FEATURES.bmiKgM2.unit,
      reported: null,
      derivation: `computed from weight ${round1(weight.fresh.value)} kg (${dayOf(weight.fresh.date)}) and height ${round1(height.value)} cm (${dayOf(height.date)})`,
      date: weight.fresh.date,
      sources: [weight.fresh.provenance, height.provenance],
      reason: null,
    });
  }
  if (bmi.fresh) return fromReading('bmiKgM2', bmi.fresh);
  return blank('bmiKgM2', missingReason('bmiKgM2', pool, ['bmi', 'weight'], bmi.stale ?? weight.stale));
}

/**
 * CKD-EPI 2021 creatinine equation without race (Inker et al., NEJM 2021;385:1737; KDIGO 2024):
 * 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 if female, Scr in mg/dL,
 * κ 0.7 (female) / 0.9 (male), α −0.241 / −0.302.
 */
export function ckdEpi2021(creatinineMgDl: number, ageYears: number, sex: 'female' | 'male'): number {
  const female = sex === 'female';
  const kappa = female ? 0.7 : 0.9;
  const alpha = female ? -0.241 : -0.302;
  const ratio = creatinineMgDl / kappa;
  return 142 * Math.min(ratio, 1) ** alpha * Math.max(ratio, 1) ** -1.2 * 0.9938 ** ageYears * (female ? 1.012 : 1);
}

/** eGFR as reported, or from a newer creatinine with CKD-EPI 2021 (needs the age and sex at that date). */
function egfrFeature(pool: Pool, birthDate: string | null, sex: 'female' | 'male' | null): AssembledFeature {
  const egfr = latest(pool, 'egfr');
  const creatinine = latest(pool, 'creatinine');
  const c = creatinine.fresh;
  if (c && birthDate && sex && (!egfr.fresh || dayOf(c.date) > dayOf(egfr.fresh.date))) {
    const age = (new Date(c.date).getTime() - new Date(birthDate).getTime()) / YEAR_MS;
    const mgDl = creatinineMgDlFromUmolL(c.value);
    return withRange({
      name: 'egfrMlMin173m2',
      status: 'present',
      value: round1(ckdEpi2021(mgDl, age, sex)),
      unit: PATIENT_FEATURES.egfrMlMin173m2.unit,
      reported: null,
      derivation: `computed with CKD-EPI 2021 from creatinine ${c.reported.value} ${c.reported.unit} (${dayOf(c.date)})`,
      date: c.date,
      sources: [c.provenance],
      reason: null,
    });
  }
  if (egfr.fresh) return fromReading('egfrMlMin173m2', egfr.fresh);
  return blank('egfrMlMin173m2', missingReason('egfrMlMin173m2', pool, ['egfr', 'creatinine'], egfr.stale ?? creatinine.stale));
}

function byType<T extends Resource['resourceType']>(items: readonly FeatureResource[], type: T): { resource: Extract<Resource, { resourceType: T }>; source: FeatureResource['source'] }[] {
  return items.filter((i) => i.resource.resourceType === type) as { resource: Extract<Resource, { resourceType: T }>; source: FeatureResource['source'] }[];
}

/** The Patient resources agree, or the first with each field wins (the merged record keeps every source). */
function demographics(patients: ReadonlyArray<{ resource: Patient; source: FeatureResource['source'] }>) {
  const withBirth = patients.find((p) => p.resource.birthDate);
  const withSex = patients.find((p) => p.resource.gender === 'female' || p.resource.gender === 'male');
  return {
    birthDate: withBirth?.resource.birthDate ?? null,
    sex: (withSex?.resource.gender ?? null) as 'female' | 'male' | null,
    sources: patients.map((p) => provenanceOf(p.resource, p.source, null)),
  };
}

/**
 * The therapy model's patient features from FHIR R4 resources (Patient, Observation, Condition,
 * MedicationRequest, Medication), measured at `now`: each the latest value within its validity window,
 * in the model's unit, tied to the resource, provider, date and agreement it came from. Works on the
 * merged record's sourced resources and on an EHR's plain resources (no source) alike. Pure: no I/O.
 *
 * Required inputs are never imputed: without one, or with any value outside the model's range, or with
 * a therapy outside the model's add-on setting, `modelInput` is null and `refusals` says why.
 */
export function assemblePatientFeatures(items: readonly FeatureResource[], now: Date): PatientFeatureAssembly {
  const patient = demographics(byType(items, 'Patient'));
  const readings: Reading[] = [];
  const unusable: UnusableReading[] = [];
  for (const { resource, source } of byType(items, 'Observation')) {
    const o = resource as Observation;
    const r = readingsOf(o, provenanceOf(o, source, observationDate(o)));
    readings.push(...r.readings);
    unusable.push(...r.unusable);
  }
  const pool: Pool = { readings, unusable, now };
  const conditions = conditionFindings(byType(items, 'Condition').map(({ resource, source }) => {
    const c = resource as Condition;
    return { condition: c, provenance: provenanceOf(c, source, conditionOnset(c)) };
  }));
  const medications = new Map(byType(items, 'Medication').map(({ resource }) => [`Medication/${resource.id ?? ''}`, resource as Medication]));
  const therapy = currentTherapy(
    byType(items, 'MedicationRequest').map(({ resource, source }) => ({ request: resource as MedicationRequest, provenance: provenanceOf(resource, source, (resource as MedicationRequest).authoredOn ?? null) })),
    medications,
    now,
  );
  const classes = [...new Set(therapy.flatMap((t) => t.drugClasses))] as DrugClassId[];

  const features = {} as Record<PatientFeatureName, AssembledFeature>;
  const age = patient.birthDate ? (now.getTime() - new Date(patient.birthDate).getTime()) / YEAR_MS : null;
  features.ageYears = age === null
    ? blank('ageYears', `needs ${needsOf('ageYears')}`)
    : withRange({ ...blank('ageYears', null), status: 'present', value: Math.floor(age * 10) / 10, derivation: `from the date of birth ${patient.birthDate}`, date: patient.birthDate, sources: patient.sources });
  features.sexMale = patient.sex === null
    ? blank('sexMale', `needs ${needsOf('sexMale')} (female or male; the model was trained on both only)`)
    : { ...blank('sexMale', null), status: 'present', value: patient.sex === 'male' ? 1 : 0, sources: patient.sources };
  const onset = conditions.type2Diabetes.onset;
  features.diabetesDurationYears = onset === null
    ? blank('diabetesDurationYears', `needs ${needsOf('diabetesDurationYears')}`)
    : withRange({ ...blank('diabetesDurationYears', null), status: 'present', value: round1(Math.max(0, (now.getTime() - new Date(onset).getTime()) / YEAR_MS)), derivation: `from the onset of type 2 diabetes ${dayOf(onset)}`, date: onset, sources: conditions.type2Diabetes.sources });
  for (const name of Object.keys(MEASURE_OF_FEATURE) as PatientFeatureName[]) features[name] = labFeature(name, pool);
  features.bmiKgM2 = bmiFeature(pool);
  features.egfrMlMin173m2 = egfrFeature(pool, patient.birthDate, patient.sex);
  for (const name of ['ascvd', 'heartFailure'] as const) {
    const f = conditions[name];
    features[name] = { ...blank(name, null), status: f.present ? 'present' : 'absent', value: f.present ? 1 : 0, date: f.onset, sources: f.sources };
  }
  for (const [drugClass, name] of Object.entries(CURRENT_THERAPY_FEATURE) as [DrugClassId, PatientFeatureName][]) {
    const on = therapy.filter((t) => t.drugClasses.includes(drugClass));
    features[name] = { ...blank(name, null), status: on.length > 0 ? 'present' : 'absent', value: on.length > 0 ? 1 : 0, date: on[0]?.authoredOn ?? null, sources: on.map((t) => t.source) };
  }

  const refusals: FeatureRefusal[] = [];
  for (const name of PATIENT_FEATURE_NAMES) {
    const f = features[name];
    const required = (PATIENT_FEATURES[name] as { required?: boolean }).required === true;
    if (f.status === 'outOfRange') refusals.push({ feature: name, kind: 'outOfRange', message: f.reason ?? name });
    else if (f.status === 'missing' && required) refusals.push({ feature: name, kind: 'missing', message: f.reason ?? `needs ${needsOf(name)}` });
  }
  const outOfScope = classes.filter((c) => !(CURRENT_THERAPY_CLASS_IDS as readonly string[]).includes(c));
  if (outOfScope.length > 0) {
    const names = therapy.filter((t) => t.drugClasses.some((c) => outOfScope.includes(c))).map((t) => `${t.name} (ATC ${t.atc ?? '?'}, ${t.source.resource})`);
    refusals.push({ feature: 'currentTherapy', kind: 'outOfScope', message: `the model was trained on add-ons to ${CURRENT_THERAPY_CLASS_IDS.join(', ')} only; this patient takes ${names.join(', ')}` });
  }

  let modelInput: TTherapyModelInput | null = null;
  if (refusals.length === 0) {
    const value = (n: PatientFeatureName): number | null => features[n].value;
    const candidate: TTherapyModelInput = {
      ageYears: value('ageYears') as number,
      sex: features.sexMale.value === 1 ? 'male' : 'female',
      diabetesDurationYears: value('diabetesDurationYears') as number,
      hba1cMmolMol: value('hba1cMmolMol') as number,
      bmiKgM2: value('bmiKgM2') as number,
      egfrMlMin173m2: value('egfrMlMin173m2') as number,
      altUL: value('altUL'),
      hdlMmolL: value('hdlMmolL'),
      triglyceridesMmolL: value('triglyceridesMmolL'),
      totalCholesterolMmolL: value('totalCholesterolMmolL'),
      systolicBpMmHg: value('systolicBpMmHg'),
      uacrMgMmol: value('uacrMgMmol'),
      ascvd: features.ascvd.value === 1,
      heartFailure: features.heartFailure.value === 1,
      currentTherapy: CURRENT_THERAPY_CLASS_IDS.filter((c) => classes.includes(c)),
    };
    // The model's own schema has the last word (e.g. a duration longer than the age): its messages become refusals.
    const parsed = ZTherapyModelInputSchema.safeParse(candidate);
    if (parsed.success) modelInput = candidate;
    else for (const issue of parsed.error.issues) refusals.push({ feature: (issue.path[0] as PatientFeatureName | undefined) ?? 'ageYears', kind: 'outOfRange', message: issue.message });
  }

  return {
    now: now.toISOString(),
    features,
    modelInput,
    refusals,
    missingOptional: OPTIONAL_FEATURE_NAMES.filter((n) => features[n].status === 'missing'),
    conditions,
    therapy: { current: therapy, classes },
    patient,
    series: { hba1c: seriesOf(readings, 'hba1c', now), weight: seriesOf(readings, 'weight', now), bmi: seriesOf(readings, 'bmi', now), egfr: seriesOf(readings, 'egfr', now) },
  };
}

/** Plain resources (an EHR's prefetch), without a dataspace source. */
export const plainResources = (resources: readonly Resource[]): FeatureResource[] => resources.map((resource) => ({ resource, source: null }));
