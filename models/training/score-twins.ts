import type { InferenceSession } from 'onnxruntime-node';
import type { Predictions } from '@/models/training/evaluate';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { N_MODEL_INPUTS, writeModelRow } from '@/server/diabetes/model/feature-vector';
import { N_OUTPUTS, OUTPUT } from '@/server/diabetes/model/model-outputs';
import { runSession } from '@/server/diabetes/model/model-session';
import type { PatientFeatureValues } from '@/server/diabetes/model/patient-features';
import type { DigitalTwin } from '@/server/synthetic/digital-twins/generate';

/** Every twin × class through the exported ONNX model (the artefact that ships), as Predictions. */
export async function scoreTwins(session: InferenceSession, twins: readonly DigitalTwin[], featuresOf: (t: DigitalTwin) => PatientFeatureValues) {
  const K = DRUG_CLASS_IDS.length;
  const rows = new Float64Array(twins.length * K * N_MODEL_INPUTS);
  twins.forEach((t, i) => {
    const features = featuresOf(t);
    DRUG_CLASS_IDS.forEach((c, j) => writeModelRow(rows, i * K + j, features, c));
  });
  const out = await runSession(session, rows);
  const n = twins.length * K;
  const column = (c: number, clamp01 = false): Float64Array =>
    Float64Array.from({ length: n }, (_, r) => {
      const v = out[r * N_OUTPUTS + c] ?? NaN;
      return clamp01 ? Math.min(1, Math.max(0, v)) : v;
    });
  const predictions: Predictions = {
    mean: column(OUTPUT.hba1cChange),
    p10: column(OUTPUT.hba1cChangeP10),
    p90: column(OUTPUT.hba1cChangeP90),
    weight: column(OUTPUT.weightChange),
    weightP10: column(OUTPUT.weightChangeP10),
    weightP90: column(OUTPUT.weightChangeP90),
    // Squared loss on a 0/1 event can stray just outside [0, 1]; the server clamps the same way.
    hypoglycaemia: column(OUTPUT.hypoglycaemiaRisk, true),
  };
  return { predictions, out, n };
}
