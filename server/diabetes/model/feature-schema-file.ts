import { DRUG_CLASSES, DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { MODEL_INPUT_NAMES } from '@/server/diabetes/model/feature-vector';
import { OUTPUT_COLUMNS } from '@/server/diabetes/model/model-outputs';
import { PATIENT_FEATURES, PATIENT_FEATURE_NAMES } from '@/server/diabetes/model/patient-features';

/**
 * The feature schema written next to model.onnx: input column order, units, codes and valid ranges,
 * and the candidate classes with ATC codes. The server checks at load time that the model on disk was
 * trained with the schema this code builds rows for.
 */
export function buildFeatureSchemaFile(training: { hypoglycaemiaEvidence: Record<DrugClassId, number> }) {
  return {
    schemaVersion: 2,
    syntheticTrainingData: true,
    notForClinicalUse: true,
    input: { name: 'features', dtype: 'float64', columns: MODEL_INPUT_NAMES },
    output: { name: 'predictions', dtype: 'float32', columns: [...OUTPUT_COLUMNS] },
    /** Missing optional inputs are NaN; the trees carry a learnt direction for them. */
    missingValue: 'NaN',
    /** Training twins who received each class: n of the hypoglycaemia risk's Wilson interval. */
    hypoglycaemiaEvidence: training.hypoglycaemiaEvidence,
    patientFeatures: PATIENT_FEATURE_NAMES.map((name) => ({ name, ...PATIENT_FEATURES[name] })),
    candidateClasses: DRUG_CLASS_IDS.map((id) => ({ id, ...DRUG_CLASSES[id], inputColumn: `candidate_${id}` })),
  };
}

export type FeatureSchemaFile = ReturnType<typeof buildFeatureSchemaFile>;
