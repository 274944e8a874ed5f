import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import type { PatientFeatureValues } from '@/server/diabetes/model/patient-features';
import { PATIENT_FEATURE_NAMES } from '@/server/diabetes/model/patient-features';

/**
 * The model input row: the patient features in PATIENT_FEATURE_NAMES order, then a one-hot block for
 * the candidate class in DRUG_CLASS_IDS order. Training, ONNX export and serving all build rows here.
 */
export const CLASS_INPUT_NAMES = DRUG_CLASS_IDS.map((c) => `candidate_${c}`);
export const MODEL_INPUT_NAMES: string[] = [...PATIENT_FEATURE_NAMES, ...CLASS_INPUT_NAMES];
export const N_MODEL_INPUTS = MODEL_INPUT_NAMES.length;
export const N_PATIENT_INPUTS = PATIENT_FEATURE_NAMES.length;

export function classInputIndex(c: DrugClassId): number {
  return N_PATIENT_INPUTS + DRUG_CLASS_IDS.indexOf(c);
}

export function writeModelRow(out: Float64Array, row: number, patient: PatientFeatureValues, candidate: DrugClassId): void {
  const base = row * N_MODEL_INPUTS;
  for (let f = 0; f < N_PATIENT_INPUTS; f++) out[base + f] = patient[PATIENT_FEATURE_NAMES[f] as keyof PatientFeatureValues];
  for (let k = 0; k < DRUG_CLASS_IDS.length; k++) out[base + N_PATIENT_INPUTS + k] = DRUG_CLASS_IDS[k] === candidate ? 1 : 0;
}
