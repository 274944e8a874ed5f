import { z } from 'zod';
import { CURRENT_THERAPY_CLASS_IDS, DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import type { PatientFeatureName, PatientFeatureValues } from '@/server/diabetes/model/patient-features';
import { CURRENT_THERAPY_FEATURE, PATIENT_FEATURES } from '@/server/diabetes/model/patient-features';

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

export const ZTherapyModelInputSchema = z
  .object({
    ageYears: inRange('ageYears'),
    sex: z.enum(['female', 'male']),
    diabetesDurationYears: inRange('diabetesDurationYears'),
    hba1cMmolMol: inRange('hba1cMmolMol'),
    bmiKgM2: inRange('bmiKgM2'),
    egfrMlMin173m2: inRange('egfrMlMin173m2'),
    altUL: inRange('altUL'),
    hdlMmolL: inRange('hdlMmolL'),
    triglyceridesMmolL: inRange('triglyceridesMmolL'),
    totalCholesterolMmolL: inRange('totalCholesterolMmolL'),
    systolicBpMmHg: inRange('systolicBpMmHg'),
    uacrMgMmol: inRange('uacrMgMmol'),
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

export type TTherapyModelInput = z.infer<typeof ZTherapyModelInputSchema>;

export function toPatientFeatureValues(input: TTherapyModelInput): PatientFeatureValues {
  const on = (c: keyof typeof CURRENT_THERAPY_FEATURE): number => ((input.currentTherapy as readonly string[]).includes(c) ? 1 : 0);
  return {
    ageYears: input.ageYears,
    sexMale: input.sex === 'male' ? 1 : 0,
    diabetesDurationYears: input.diabetesDurationYears,
    hba1cMmolMol: input.hba1cMmolMol,
    bmiKgM2: input.bmiKgM2,
    egfrMlMin173m2: input.egfrMlMin173m2,
    altUL: input.altUL,
    hdlMmolL: input.hdlMmolL,
    triglyceridesMmolL: input.triglyceridesMmolL,
    totalCholesterolMmolL: input.totalCholesterolMmolL,
    systolicBpMmHg: input.systolicBpMmHg,
    uacrMgMmol: input.uacrMgMmol,
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
    altUL: p.altUL,
    hdlMmolL: p.hdlMmolL,
    triglyceridesMmolL: p.triglyceridesMmolL,
    totalCholesterolMmolL: p.totalCholesterolMmolL,
    systolicBpMmHg: p.systolicBpMmHg,
    uacrMgMmol: p.uacrMgMmol,
    ascvd: p.ascvd === 1,
    heartFailure: p.heartFailure === 1,
    currentTherapy: CURRENT_THERAPY_CLASS_IDS.filter((c) => p[CURRENT_THERAPY_FEATURE[c]] === 1),
  };
}
