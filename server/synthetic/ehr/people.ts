import { DEMO_PATIENTS, PROVIDER_IDS, type ProviderId } from '@/server/synthetic/demo-people';
import { CANCER_TYPES, type CancerType } from '@/server/terminology/cancers';
import type { DiabetesMedicine } from '@/server/terminology/medications';
import { createRandom, mixSeed, type Random } from './random';
import { DEMO_CLINICAL_PROFILES } from './demo-clinical-profiles';

/** The day the synthetic histories end: fixed so that the same seed always yields the same records. */
export const REFERENCE_DATE = new Date('2026-06-30T00:00:00Z');

export interface DiabetesProfile {
  diagnosedYearsAgo: number;
  /** HbA1c (mmol/mol) at the latest visit. */
  hba1cNow: number;
  bmi: number;
  egfrNow: number;
  altNow: number;
  /** Current glucose-lowering therapy in the order it was started. */
  therapy: DiabetesMedicine[];
  comorbidities: Array<'hypertension' | 'heartFailure' | 'coronaryArteryDisease' | 'ckd' | 'hyperlipidaemia' | 'obesity' | 'myocardialInfarction'>;
}

export interface OncologyProfile {
  cancer: CancerType;
  diagnosedMonthsAgo: number;
  stage: 'I' | 'II' | 'III' | 'IV';
  t: string;
  n: string;
  m: string;
  ecog: 0 | 1 | 2 | 3;
  /** Index into cancer.variants of the actionable variant found by the genomics lab, or null. */
  variantIndex: number | null;
  markerValues: string[];
  /** The latest disease status; for demo patients it fixes the course (oncology-course.ts). */
  status: 'improved' | 'stable' | 'worsened';
  /** MSI-H / dMMR when set; drawn in oncology-course.ts when absent. */
  msiHigh?: boolean;
}

export interface Person {
  /** Stable index in the synthetic population (demo people are -1, -2, ...). */
  index: number;
  nationalId: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: 'female' | 'male';
  heldBy: ProviderId[];
  diabetes: DiabetesProfile | null;
  oncology: OncologyProfile | null;
  demo: boolean;
}

const FAMILY_NAMES = ['Schmit', 'Muller', 'Weber', 'Wagner', 'Hoffmann', 'Thill', 'Schmitz', 'Klein', 'Reuter', 'Kieffer', 'Becker', 'Kremer', 'Hansen', 'Schroeder', 'Meyer', 'Majerus', 'Faber', 'Wagener', 'Ries', 'Lentz', 'Da Silva', 'Pereira', 'Ferreira', 'Martins', 'Rossi', 'Bernard', 'Dupont', 'Thomas', 'Goedert', 'Welter', 'Steichen', 'Back', 'Hilbert', 'Simon', 'Kayser', 'Koch'];
const GIVEN_FEMALE = ['Marie', 'Anne', 'Claire', 'Sophie', 'Laura', 'Julie', 'Emma', 'Lea', 'Sandra', 'Monique', 'Josée', 'Carole', 'Nathalie', 'Ana', 'Maria', 'Isabelle', 'Christiane', 'Martine', 'Lucie', 'Chantal'];
const GIVEN_MALE = ['Jean', 'Paul', 'Luc', 'Marc', 'Tom', 'Pierre', 'Jos', 'Romain', 'Claude', 'Patrick', 'Michel', 'Carlos', 'João', 'Ben', 'Max', 'Nico', 'Serge', 'Gilles', 'Raoul', 'Yves'];
const DIABETES_THERAPIES: DiabetesMedicine[][] = [
  ['metformin'],
  ['metformin'],
  ['metformin', 'empagliflozin'],
  ['metformin', 'sitagliptin'],
  ['metformin', 'semaglutide'],
  ['metformin', 'gliclazide'],
  ['metformin', 'dapagliflozin', 'liraglutide'],
  ['metformin', 'pioglitazone'],
  ['metformin', 'glargine'],
];

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Luxembourg-style 13-digit matricule: birth date, then a serial unique within the synthetic population. */
function nationalIdFor(birthDate: string, index: number): string {
  const serial = String(100 + (index % 900)).padStart(3, '0');
  const bucket = String(Math.floor(index / 900) % 100).padStart(2, '0');
  return `${birthDate.replaceAll('-', '')}${serial}${bucket}`;
}

function diabetesProfile(r: Random, age: number): DiabetesProfile {
  const therapy = r.pick(DIABETES_THERAPIES);
  const egfrNow = Math.round(Math.max(18, Math.min(115, r.normal(120 - age * 0.8, 18))));
  const bmi = Math.round(Math.max(21, r.normal(31, 5)) * 10) / 10;
  const comorbidities: DiabetesProfile['comorbidities'] = [];
  if (r.chance(0.65)) comorbidities.push('hypertension');
  if (r.chance(0.55)) comorbidities.push('hyperlipidaemia');
  if (bmi >= 30) comorbidities.push('obesity');
  if (egfrNow < 60) comorbidities.push('ckd');
  if (r.chance(0.1)) comorbidities.push('heartFailure');
  if (r.chance(0.15)) comorbidities.push('coronaryArteryDisease');
  return {
    diagnosedYearsAgo: r.int(1, Math.max(2, Math.min(25, age - 35))),
    hba1cNow: Math.round(Math.max(42, Math.min(110, r.normal(60, 11)))),
    bmi,
    egfrNow,
    altNow: Math.round(Math.max(8, r.normal(28, 12))),
    therapy: egfrNow < 30 ? therapy.filter((d) => d !== 'metformin').concat(therapy.length === 1 ? ['glargine'] : []) : therapy,
    comorbidities,
  };
}

function oncologyProfile(r: Random): OncologyProfile {
  const cancer = r.pick(CANCER_TYPES);
  const stage = r.pick(['I', 'II', 'II', 'III', 'III', 'IV'] as const);
  const t = stage === 'I' ? 'T1' : stage === 'II' ? r.pick(['T2', 'T3']) : r.pick(['T3', 'T4']);
  const n = stage === 'I' ? 'N0' : stage === 'II' ? r.pick(['N0', 'N1']) : r.pick(['N1', 'N2']);
  const m = stage === 'IV' ? 'M1' : 'M0';
  return {
    cancer,
    diagnosedMonthsAgo: r.int(2, 36),
    stage,
    t,
    n,
    m,
    ecog: stage === 'IV' ? r.pick([1, 2, 2, 3] as const) : r.pick([0, 0, 1, 1, 2] as const),
    variantIndex: r.chance(0.45) ? r.int(0, cancer.variants.length - 1) : null,
    markerValues: cancer.markers.map((mk) => (mk.values[0]?.includes('/') || mk.values[0] === 'U/L' ? String(Math.round(r.float(2, 60) * 10) / 10) : r.pick(mk.values))),
    status: r.pick(['improved', 'stable', 'stable', 'worsened'] as const),
  };
}

/** Which hospitals hold person `index` when each holds `perHospital`: 10 % of them are at both. */
export function hospitalsHolding(index: number, perHospital: number): ProviderId[] {
  const overlapStart = Math.floor(perHospital * 0.9);
  const held: ProviderId[] = [];
  if (index < perHospital) held.push(PROVIDER_IDS.alzette);
  if (index >= overlapStart && index < overlapStart + perHospital) held.push(PROVIDER_IDS.moselle);
  return held;
}

/** The range of population indices that some hospital holds. */
export function populationSize(perHospital: number): number {
  return Math.floor(perHospital * 0.9) + perHospital;
}

/** Person `index` of the synthetic population of seed `seed`; the same inputs always give the same person. */
export function personAt(seed: number, index: number, perHospital: number): Person {
  const r = createRandom(mixSeed(seed, index, 1));
  const sex = r.chance(0.5) ? 'female' : 'male';
  const age = Math.round(Math.max(18, Math.min(95, r.normal(58, 16))));
  const birth = new Date(REFERENCE_DATE.getTime() - (age * 365.25 + r.int(0, 364)) * 86400_000);
  const birthDate = isoDate(birth);
  const hasDiabetes = r.chance(age > 45 ? 0.35 : 0.12);
  const hasCancer = r.chance(age > 50 ? 0.12 : 0.05);
  return {
    index,
    nationalId: nationalIdFor(birthDate, index),
    givenName: r.pick(sex === 'female' ? GIVEN_FEMALE : GIVEN_MALE),
    familyName: r.pick(FAMILY_NAMES),
    birthDate,
    sex,
    heldBy: hospitalsHolding(index, perHospital),
    diabetes: hasDiabetes ? diabetesProfile(r, age) : null,
    oncology: hasCancer ? oncologyProfile(r) : null,
    demo: false,
  };
}

/** The named demo patients with their fixed clinical profiles (server/synthetic/demo-people.ts). */
export function demoPersons(): Person[] {
  return DEMO_PATIENTS.map((p, i) => {
    const clinical = DEMO_CLINICAL_PROFILES[p.nationalId];
    if (!clinical) throw new Error(`demo patient ${p.nationalId} has no clinical profile`);
    return {
      index: -(i + 1),
      nationalId: p.nationalId,
      givenName: p.givenName,
      familyName: p.familyName,
      birthDate: p.birthDate,
      sex: p.sex,
      heldBy: p.heldBy.filter((h) => h !== PROVIDER_IDS.research),
      diabetes: p.profiles.includes('diabetes') ? clinical.diabetes : null,
      oncology: p.profiles.includes('oncology') ? clinical.oncology : null,
      demo: true,
    };
  });
}
