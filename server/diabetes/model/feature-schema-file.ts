import { DRUG_CLASSES, DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { MODEL_INPUT_NAMES } from '@/server/diabetes/model/feature-vector';
import { PATIENT_FEATURES, PATIENT_FEATURE_NAMES } from '@/server/diabetes/model/patient-features';

/**
 * The feature schema written next to model.onnx: input column order, units, codes and valid ranges,
 * and the candidate classes with ATC codes. The server checks at load time that the model on disk was
 * trained with the schema this code builds rows for.
 */
export function buildFeatureSchemaFile() {
  return {
    schemaVersion: 1,
    syntheticTrainingData: true,
    notForClinicalUse: true,
    input: { name: 'features', dtype: 'float64', columns: MODEL_INPUT_NAMES },
    output: { name: 'predictions', dtype: 'float32', columns: ['hba1cChangeMmolMol', 'hba1cChangeP10MmolMol', 'hba1cChangeP90MmolMol'] },
    patientFeatures: PATIENT_FEATURE_NAMES.map((name) => ({ name, ...PATIENT_FEATURES[name] })),
    candidateClasses: DRUG_CLASS_IDS.map((id) => ({ id, ...DRUG_CLASSES[id], inputColumn: `candidate_${id}` })),
  };
}

export type FeatureSchemaFile = ReturnType<typeof buildFeatureSchemaFile>;
