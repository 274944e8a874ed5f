import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { eligibleClasses } from '@/server/diabetes/model/eligibility';
import type { PatientFeatureValues } from '@/server/diabetes/model/patient-features';
import { PATIENT_FEATURES } from '@/server/diabetes/model/patient-features';
import { prescribe } from '@/server/synthetic/digital-twins/prescribing';
import { createRandom } from '@/server/synthetic/digital-twins/random';
import { samplePatient } from '@/server/synthetic/digital-twins/sample-patient';
import { expectedHba1cChange, expectedWeightChangeKg, hypoglycaemiaRisk12m } from '@/server/synthetic/digital-twins/treatment-response';

/**
 * Synthetic type 2 diabetes "digital twins": one person each, with baseline features, the add-on
 * class a realistic (confounded) prescriber chose, the observed 12-month outcome of that class only,
 * and the counterfactual truth for all seven classes, kept for evaluation. SYNTHETIC DATA, NOT FOR
 * CLINICAL USE. Deterministic: twin i depends only on (seed, i).
 *
 * Units are in the field names and in PATIENT_FEATURES (unit, LOINC/SNOMED/ATC code, valid range).
 */
// 1.1.0 adds the observed hypoglycaemia event (drawn last, so every earlier value of a twin is unchanged).
export const DIGITAL_TWIN_GENERATOR_VERSION = '1.1.0';

/**
 * Unexplained individual variation of the 12-month response (mmol/mol): a person-level part shared by
 * every class (adherence, lifestyle, disease course) and a visit-level part of the observed HbA1c only
 * (laboratory and biological variation). Together SD ≈ 8.9, in the 8–11 range of real cohorts.
 */
export const RESPONSE_NOISE_SD = { person: 7, visit: 5.5 } as const;

export interface CounterfactualOutcome {
  /** Expected change for a person with these features (the individual treatment effect the model should learn). */
  expectedHba1cChangeMmolMol: number;
  /** This person's true change on the class, including person-level variation shared by all classes. */
  hba1cChangeMmolMol: number;
  weightChangeKg: number;
  /** Probability of at least one symptomatic hypoglycaemia in 12 months. */
  hypoglycaemiaRisk12m: number;
}

export interface DigitalTwin {
  id: string;
  /** Baseline features (binary features 0/1); see PATIENT_FEATURES for units, codes and ranges. */
  features: PatientFeatureValues;
  currentTherapy: DrugClassId[];
  /** Classes the guardrails allow as an add-on (server/diabetes/model/eligibility.ts). */
  eligibleClasses: DrugClassId[];
  receivedClass: DrugClassId;
  /** Probability with which the synthetic prescriber chose the received class. */
  propensity: number;
  /** hypoglycaemia: at least one symptomatic hypoglycaemia within the 12 months (drawn from the true risk). */
  observed: { hba1cChangeMmolMol: number; followUpHba1cMmolMol: number; weightChangeKg: number; hypoglycaemia: boolean };
  counterfactual: Record<DrugClassId, CounterfactualOutcome>;
}

export interface GenerateOptions {
  count: number;
  seed: number;
  /** Index of the first twin (for batches); default 0. */
  offset?: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export function generateDigitalTwin(seed: number, index: number): DigitalTwin {
  const rng = createRandom(seed, index + 1);
  const features = samplePatient(rng);
  const personNoise = rng.normal(0, RESPONSE_NOISE_SD.person);
  const visitNoise = rng.normal(0, RESPONSE_NOISE_SD.visit);
  const weightNoise = rng.normal(0, 3);
  const eligible = eligibleClasses(features);
  const { received, propensity } = prescribe(features, eligible, rng);

  const counterfactual = {} as Record<DrugClassId, CounterfactualOutcome>;
  for (const c of DRUG_CLASS_IDS) {
    const expected = expectedHba1cChange(c, features);
    counterfactual[c] = {
      expectedHba1cChangeMmolMol: round3(expected),
      hba1cChangeMmolMol: round3(expected + personNoise),
      weightChangeKg: round1(expectedWeightChangeKg(c, features)),
      hypoglycaemiaRisk12m: round3(hypoglycaemiaRisk12m(c, features)),
    };
  }
  const truth = counterfactual[received];
  // Observed HbA1c is a laboratory value: whole mmol/mol, never below 30.
  const followUp = Math.max(30, Math.round(features.hba1cMmolMol + truth.hba1cChangeMmolMol + visitNoise));
  const hypoglycaemia = rng.bernoulli(truth.hypoglycaemiaRisk12m);
  return {
    id: `twin-${seed}-${String(index).padStart(7, '0')}`,
    features,
    currentTherapy: DRUG_CLASS_IDS.filter((c) => isCurrent(c, features)),
    eligibleClasses: eligible,
    receivedClass: received,
    propensity: round3(propensity),
    observed: {
      hba1cChangeMmolMol: followUp - features.hba1cMmolMol,
      followUpHba1cMmolMol: followUp,
      weightChangeKg: round1(truth.weightChangeKg + weightNoise),
      hypoglycaemia,
    },
    counterfactual,
  };
}

function isCurrent(c: DrugClassId, f: PatientFeatureValues): boolean {
  switch (c) {
    case 'metformin':
      return f.onMetformin === 1;
    case 'sulfonylurea':
      return f.onSulfonylurea === 1;
    case 'dpp4i':
      return f.onDpp4i === 1;
    case 'sglt2i':
      return f.onSglt2i === 1;
    case 'glp1ra':
      return f.onGlp1ra === 1;
    default:
      return false;
  }
}

/** Generates `count` twins for `seed`; the same arguments always give the same twins. */
export function generateDigitalTwins({ count, seed, offset = 0 }: GenerateOptions): DigitalTwin[] {
  assertOptions(count, seed, offset);
  const twins: DigitalTwin[] = new Array<DigitalTwin>(count);
  for (let i = 0; i < count; i++) twins[i] = generateDigitalTwin(seed, offset + i);
  return twins;
}

/** The same twins as generateDigitalTwins, in batches, so a loader can stream them into a database. */
export function* generateDigitalTwinBatches({ count, seed, offset = 0 }: GenerateOptions, batchSize = 1000): Generator<DigitalTwin[]> {
  assertOptions(count, seed, offset);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
  for (let start = 0; start < count; start += batchSize) {
    yield generateDigitalTwins({ count: Math.min(batchSize, count - start), seed, offset: offset + start });
  }
}

function assertOptions(count: number, seed: number, offset: number): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError('count must be a non-negative integer');
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new RangeError('seed must be an integer in [0, 2^32)');
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError('offset must be a non-negative integer');
}

/** Units of every feature, for loaders that store the twins with their units. */
export const DIGITAL_TWIN_FEATURE_UNITS = Object.fromEntries(
  Object.entries(PATIENT_FEATURES).map(([name, def]) => [name, def.unit]),
) as Record<keyof typeof PATIENT_FEATURES, string>;
