import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { N_MODEL_INPUTS, writeModelRow } from '@/server/diabetes/model/feature-vector';
import type { PatientFeatureValues } from '@/server/diabetes/model/patient-features';
import type { TreeEnsemble } from '@/server/diabetes/model/tree-ensemble';
import { predictTarget } from '@/server/diabetes/model/tree-ensemble';
import type { DigitalTwin } from '@/server/synthetic/digital-twins/generate';

/** In-process predictions of every target for every twin × class: out[target][twin * 7 + class]. */
export function predictClasses(ensemble: TreeEnsemble, twins: readonly DigitalTwin[], featuresOf: (t: DigitalTwin) => PatientFeatureValues = (t) => t.features): Float64Array[] {
  const k = DRUG_CLASS_IDS.length;
  const row = new Float64Array(N_MODEL_INPUTS);
  const out = ensemble.targets.map(() => new Float64Array(twins.length * k));
  twins.forEach((t, i) => {
    DRUG_CLASS_IDS.forEach((c, j) => {
      writeModelRow(row, 0, featuresOf(t), c);
      ensemble.targets.forEach((target, ti) => {
        (out[ti] as Float64Array)[i * k + j] = predictTarget(target, row);
      });
    });
  });
  return out;
}
