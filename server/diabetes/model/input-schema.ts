import { z } from 'zod';
import { CURRENT_THERAPY_CLASS_IDS, DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { TherapyModelMissingInputError } from '@/server/diabetes/model/errors';
import type { PatientFeatureName, PatientFeatureValues } from '@/server/diabetes/model/patient-features';
import { CURRENT_THERAPY_FEATURE, PATIENT_FEATURES, REQUIRED_FEATURE_NAMES } from '@/server/diabetes/model/patient-features';

/**
 * The clinical input of the therapy model, validated against the ranges the model was trained on.
 * Out-of-range values are refused with the range in the message: the model has never seen such a
 * patient, and trees would silently extrapolate a flat, confident-looking answer.
 */
function inRange(name: PatientFeatureName) {
  const def = PATIENT_FEATURES[name];
  return z
    .number({ error: `${def.label} (${name}) must be a number in ${def.unit}` })
    .refine(Number.isFinite, { message: `${def.label} (${name}) must be finite` })
    .refine((v) => v >= def.min && v <= def.max, {
      message: `${def.label} (${name}) is outside the model's valid range ${def.min}–${def.max} ${def.unit}`,
    });
}

/** An optional input: a value in range, or absent / null when the record has none. */
const optional = (name: PatientFeatureName) => inRange(name).nullable().optional();

export const ZTherapyModelInputSchema = z
  .object({
    ageYears: inRange('ageYears'),
    sex: z.enum(['female', 'male']),
    diabetesDurationYears: inRange('diabetesDurationYears'),
    hba1cMmolMol: inRange('hba1cMmolMol'),
    bmiKgM2: inRange('bmiKgM2'),
    egfrMlMin173m2: inRange('egfrMlMin173m2'),
    altUL: optional('altUL'),
    hdlMmolL: optional('hdlMmolL'),
    triglyceridesMmolL: optional('triglyceridesMmolL'),
    totalCholesterolMmolL: optional('totalCholesterolMmolL'),
    systolicBpMmHg: optional('systolicBpMmHg'),
    uacrMgMmol: optional('uacrMgMmol'),
    ascvd: z.boolean(),
    heartFailure: z.boolean(),
    currentTherapy: z
      .array(z.enum(DRUG_CLASS_IDS))
      .refine((list) => new Set(list).size === list.length, { message: 'currentTherapy lists a class twice' })
      .refine((list) => list.every((c) => (CURRENT_THERAPY_CLASS_IDS as readonly string[]).includes(c)), {
        message: `the model was trained only on add-ons to ${CURRENT_THERAPY_CLASS_IDS.join(', ')}; patients already on a thiazolidinedione or insulin are out of scope`,
      }),
  })
  .strict()
  .refine((p) => p.diabetesDurationYears <= p.ageYears, { message: 'diabetesDurationYears cannot exceed ageYears', path: ['diabetesDurationYears'] });

export type TTherapyModelInput = z.input<typeof ZTherapyModelInputSchema>;

/** The input key of each required feature (sex is given as 'female' | 'male'). */
const inputKeyOf = (name: PatientFeatureName): string => (name === 'sexMale' ? 'sex' : name);

/** Refuses, naming what is needed, when a required input is absent (undefined or null); never imputes. */
export function assertRequiredInputs(input: unknown): void {
  if (typeof input !== 'object' || input === null) return;
  const record = input as Record<string, unknown>;
  const missing = REQUIRED_FEATURE_NAMES.filter((n) => record[inputKeyOf(n)] === undefined || record[inputKeyOf(n)] === null).map((n) => ({
    input: inputKeyOf(n),
    needs: (PATIENT_FEATURES[n] as { needs: string }).needs,
  }));
  if (missing.length > 0) throw new TherapyModelMissingInputError(missing);
}

const orMissing = (v: number | null | undefined): number => v ?? Number.NaN;
const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** Model features of a validated input; missing optional inputs become NaN (the trees' missing branch). */
export function toPatientFeatureValues(input: z.output<typeof ZTherapyModelInputSchema>): PatientFeatureValues {
  const on = (c: keyof typeof CURRENT_THERAPY_FEATURE): number => ((input.currentTherapy as readonly string[]).includes(c) ? 1 : 0);
  return {
    ageYears: input.ageYears,
    sexMale: input.sex === 'male' ? 1 : 0,
    diabetesDurationYears: input.diabetesDurationYears,
    hba1cMmolMol: input.hba1cMmolMol,
    bmiKgM2: input.bmiKgM2,
    egfrMlMin173m2: input.egfrMlMin173m2,
    altUL: orMissing(input.altUL),
    hdlMmolL: orMissing(input.hdlMmolL),
    triglyceridesMmolL: orMissing(input.triglyceridesMmolL),
    totalCholesterolMmolL: orMissing(input.totalCholesterolMmolL),
    systolicBpMmHg: orMissing(input.systolicBpMmHg),
    uacrMgMmol: orMissing(input.uacrMgMmol),
    ascvd: input.ascvd ? 1 : 0,
    heartFailure: input.heartFailure ? 1 : 0,
    onMetformin: on('metformin'),
    onSulfonylurea: on('sulfonylurea'),
    onDpp4i: on('dpp4i'),
    onSglt2i: on('sglt2i'),
    onGlp1ra: on('glp1ra'),
  };
}

/** The inverse of toPatientFeatureValues, e.g. to score a digital twin through the public API. */
export function toTherapyModelInput(p: PatientFeatureValues): TTherapyModelInput {
  return {
    ageYears: p.ageYears,
    sex: p.sexMale === 1 ? 'male' : 'female',
    diabetesDurationYears: p.diabetesDurationYears,
    hba1cMmolMol: p.hba1cMmolMol,
    bmiKgM2: p.bmiKgM2,
    egfrMlMin173m2: p.egfrMlMin173m2,
    altUL: orNull(p.altUL),
    hdlMmolL: orNull(p.hdlMmolL),
    triglyceridesMmolL: orNull(p.triglyceridesMmolL),
    totalCholesterolMmolL: orNull(p.totalCholesterolMmolL),
    systolicBpMmHg: orNull(p.systolicBpMmHg),
    uacrMgMmol: orNull(p.uacrMgMmol),
    ascvd: p.ascvd === 1,
    heartFailure: p.heartFailure === 1,
    currentTherapy: CURRENT_THERAPY_CLASS_IDS.filter((c) => p[CURRENT_THERAPY_FEATURE[c]] === 1),
  };
}
