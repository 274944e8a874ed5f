import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASSES, DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import type { EligibilityReason } from '@/server/diabetes/model/eligibility';
import { ineligibilityReasons } from '@/server/diabetes/model/eligibility';
import { TherapyModelInputError } from '@/server/diabetes/model/errors';
import { N_MODEL_INPUTS, N_PATIENT_INPUTS, writeModelRow } from '@/server/diabetes/model/feature-vector';
import type { TTherapyModelInput } from '@/server/diabetes/model/input-schema';
import { ZTherapyModelInputSchema, toPatientFeatureValues } from '@/server/diabetes/model/input-schema';
import type { ModelArtefact } from '@/server/diabetes/model/model-integrity';
import { loadTherapyModel, runSession } from '@/server/diabetes/model/model-session';
import type { PatientFeatureName, PatientFeatureValues } from '@/server/diabetes/model/patient-features';
import { PATIENT_FEATURES, PATIENT_FEATURE_NAMES } from '@/server/diabetes/model/patient-features';
import { treeShap } from '@/server/diabetes/model/tree-shap';

/**
 * Serving the diabetes therapy model: one onnxruntime session per process (one intra-op thread, so
 * requests do not fight over the 2 cores), ranked options for the 7 candidate classes with a 10th–90th
 * percentile interval, guardrail flags and a TreeSHAP explanation. Trained on SYNTHETIC data; NOT FOR
 * CLINICAL USE — every result says so.
 */
export interface FeatureContribution {
  feature: PatientFeatureName;
  label: string;
  value: number;
  unit: string;
  /** mmol/mol this feature moves the prediction away from the cohort average. */
  contribution: number;
}

export interface TherapyOption {
  drugClass: DrugClassId;
  atc: string;
  label: string;
  predictedHba1cChangeMmolMol: number;
  /** 10th–90th percentile of the individual 12-month change. */
  intervalMmolMol: { p10: number; p90: number };
  predictedHba1cMmolMol: number;
  predictedHba1cPercent: number;
  eligible: boolean;
  ineligibilityReasons: EligibilityReason[];
  /** 1 = largest predicted fall among the eligible classes; null when not eligible. */
  rank: number | null;
  explanation?: {
    /** Average prediction over the training cohort; baseline + Σ contributions = prediction. */
    baselineMmolMol: number;
    candidateClassContribution: number;
    contributions: FeatureContribution[];
  };
}

/** Which model produced a result: every prediction names the exact artefact (EU AI Act Art. 12). */
export interface TherapyModelIdentity extends ModelArtefact {
  name: 'diabetes-therapy';
  trainedOn: 'synthetic digital twins';
  notForClinicalUse: true;
}

export interface TherapyPrediction {
  options: TherapyOption[];
  model: TherapyModelIdentity;
}

export interface PredictOptions {
  explain?: boolean;
  /** Folder with the model files; default models/diabetes-therapy. */
  modelDir?: string;
}

export function parseTherapyModelInput(input: unknown): TTherapyModelInput {
  const parsed = ZTherapyModelInputSchema.safeParse(input);
  if (!parsed.success) throw new TherapyModelInputError(parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(input)', message: i.message })));
  return parsed.data;
}

/** Raw model outputs for rows already laid out as MODEL_INPUT_NAMES: [mean, p10, p90] per row. */
export async function runTherapyModel(rows: Float64Array, options: Pick<PredictOptions, 'modelDir'> = {}): Promise<Float32Array> {
  return (await runLoaded(rows, options)).out;
}

async function runLoaded(rows: Float64Array, options: Pick<PredictOptions, 'modelDir'>) {
  const model = await loadTherapyModel(options.modelDir);
  return { model, out: await runSession(model.session, rows) };
}

const identity = (artefact: ModelArtefact): TherapyModelIdentity => ({
  name: 'diabetes-therapy',
  version: artefact.version,
  sha256: artefact.sha256,
  trainedOn: 'synthetic digital twins',
  notForClinicalUse: true,
});

const K = DRUG_CLASS_IDS.length;
const toPercent = (mmolMol: number): number => Math.round((mmolMol / 10.929 + 2.15) * 10) / 10;

function rowsFor(patients: readonly PatientFeatureValues[]): Float64Array {
  const rows = new Float64Array(patients.length * K * N_MODEL_INPUTS);
  patients.forEach((p, i) => DRUG_CLASS_IDS.forEach((c, j) => writeModelRow(rows, i * K + j, p, c)));
  return rows;
}

/**
 * Predictions for one patient and all seven classes, ranked among the eligible ones. The input is
 * validated again at run time (ranges, scope), so data that bypassed the type system is still refused.
 */
export async function predictTherapyOptions(input: TTherapyModelInput, options: PredictOptions = {}): Promise<TherapyPrediction> {
  const patient = toPatientFeatureValues(parseTherapyModelInput(input));
  const rows = rowsFor([patient]);
  const { model, out } = await runLoaded(rows, options);
  const explanation = options.explain === false ? undefined : model.explanation;
  const result: TherapyOption[] = DRUG_CLASS_IDS.map((c, j) => {
    const change = out[j * 3] ?? NaN;
    const reasons = ineligibilityReasons(c, patient);
    const option: TherapyOption = {
      drugClass: c,
      atc: DRUG_CLASSES[c].atc,
      label: DRUG_CLASSES[c].label,
      predictedHba1cChangeMmolMol: change,
      intervalMmolMol: { p10: out[j * 3 + 1] ?? NaN, p90: out[j * 3 + 2] ?? NaN },
      predictedHba1cMmolMol: patient.hba1cMmolMol + change,
      predictedHba1cPercent: toPercent(patient.hba1cMmolMol + change),
      eligible: reasons.length === 0,
      ineligibilityReasons: reasons,
      rank: null,
    };
    if (explanation) {
      const phi = treeShap(explanation.target, rows, N_MODEL_INPUTS, j * N_MODEL_INPUTS);
      let candidate = 0;
      for (let f = N_PATIENT_INPUTS; f < N_MODEL_INPUTS; f++) candidate += phi[f] ?? 0;
      option.explanation = {
        baselineMmolMol: explanation.baseline,
        candidateClassContribution: candidate,
        contributions: PATIENT_FEATURE_NAMES.map((name, f) => ({
          feature: name,
          label: PATIENT_FEATURES[name].label,
          value: patient[name],
          unit: PATIENT_FEATURES[name].unit,
          contribution: phi[f] ?? 0,
        })).sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)),
      };
    }
    return option;
  });
  result
    .filter((o) => o.eligible)
    .sort((a, b) => a.predictedHba1cChangeMmolMol - b.predictedHba1cChangeMmolMol)
    .forEach((o, i) => {
      o.rank = i + 1;
    });
  return { options: result, model: identity(model.artefact) };
}

export interface BatchPrediction {
  model: TherapyModelIdentity;
  /** Per patient, per class in DRUG_CLASS_IDS order. */
  predictions: { drugClass: DrugClassId; hba1cChangeMmolMol: number; p10: number; p90: number }[][];
}

/** Many patients at once (population views, research queries): no explanation, one ONNX call. */
export async function predictTherapyBatch(inputs: readonly TTherapyModelInput[], options: Pick<PredictOptions, 'modelDir'> = {}): Promise<BatchPrediction> {
  const patients = inputs.map((input, i) => {
    try {
      return toPatientFeatureValues(parseTherapyModelInput(input));
    } catch (err) {
      if (err instanceof TherapyModelInputError) throw new TherapyModelInputError(err.issues.map((issue) => ({ ...issue, path: `[${i}].${issue.path}` })));
      throw err;
    }
  });
  const { model, out } = await runLoaded(rowsFor(patients), options);
  return {
    model: identity(model.artefact),
    predictions: patients.map((_, i) =>
      DRUG_CLASS_IDS.map((c, j) => {
        const r = (i * K + j) * 3;
        return { drugClass: c, hba1cChangeMmolMol: out[r] ?? NaN, p10: out[r + 1] ?? NaN, p90: out[r + 2] ?? NaN };
      }),
    ),
  };
}
