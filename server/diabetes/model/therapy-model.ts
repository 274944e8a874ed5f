import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASSES, DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import type { EligibilityReason } from '@/server/diabetes/model/eligibility';
import { ineligibilityReasons } from '@/server/diabetes/model/eligibility';
import { TherapyModelInputError, TherapyModelUnavailableError } from '@/server/diabetes/model/errors';
import type { ExplanationTreesFile } from '@/server/diabetes/model/explanation-trees';
import { fromExplanationTreesFile } from '@/server/diabetes/model/explanation-trees';
import type { FeatureSchemaFile } from '@/server/diabetes/model/feature-schema-file';
import { MODEL_INPUT_NAMES, N_MODEL_INPUTS, N_PATIENT_INPUTS, writeModelRow } from '@/server/diabetes/model/feature-vector';
import type { TTherapyModelInput } from '@/server/diabetes/model/input-schema';
import { ZTherapyModelInputSchema, toPatientFeatureValues } from '@/server/diabetes/model/input-schema';
import { modelFile } from '@/server/diabetes/model/model-files';
import type { PatientFeatureName, PatientFeatureValues } from '@/server/diabetes/model/patient-features';
import { hba1cReported } from '@/server/terminology/units';
import { PATIENT_FEATURES, PATIENT_FEATURE_NAMES } from '@/server/diabetes/model/patient-features';
import type { EnsembleTarget } from '@/server/diabetes/model/tree-ensemble';
import { expectedValue, treeShap } from '@/server/diabetes/model/tree-shap';

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

export interface TherapyPrediction {
  options: TherapyOption[];
  model: { name: 'diabetes-therapy'; trainedOn: 'synthetic digital twins'; notForClinicalUse: true };
}

export interface PredictOptions {
  explain?: boolean;
  /** Folder with the model files; default models/diabetes-therapy. */
  modelDir?: string;
}

interface LoadedModel {
  session: ort.InferenceSession;
  dir: string | undefined;
  explanation?: { target: EnsembleTarget; baseline: number };
}

const loaded = new Map<string, Promise<LoadedModel>>();

async function loadModel(dir?: string): Promise<LoadedModel> {
  const key = dir ?? '';
  let model = loaded.get(key);
  if (!model) {
    model = (async () => {
      const schema = JSON.parse(await readFile(modelFile('featureSchema', dir), 'utf8').catch(missing('featureSchema'))) as FeatureSchemaFile;
      if (JSON.stringify(schema.input?.columns) !== JSON.stringify(MODEL_INPUT_NAMES)) {
        throw new TherapyModelUnavailableError('models/diabetes-therapy was trained with a different feature schema; run `npm run model:train`');
      }
      const bytes = await readFile(modelFile('onnx', dir)).catch(missing('onnx'));
      const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' });
      return { session, dir };
    })();
    loaded.set(key, model);
    model.catch(() => loaded.delete(key));
  }
  return model;
}

function missing(name: 'featureSchema' | 'onnx' | 'trees') {
  return (err: unknown): never => {
    throw new TherapyModelUnavailableError(`Model file ${name} cannot be read (${err instanceof Error ? err.message : String(err)}); run \`npm run model:train\``);
  };
}

async function explanationOf(model: LoadedModel): Promise<{ target: EnsembleTarget; baseline: number }> {
  if (!model.explanation) {
    const file = JSON.parse(await readFile(modelFile('trees', model.dir), 'utf8').catch(missing('trees'))) as ExplanationTreesFile;
    const target = fromExplanationTreesFile(file);
    model.explanation = { target, baseline: expectedValue(target) };
  }
  return model.explanation;
}

/** Loads the session now (e.g. at start-up) so the first request does not pay for it. */
export async function warmUpTherapyModel(options: Pick<PredictOptions, 'modelDir'> = {}): Promise<void> {
  await loadModel(options.modelDir);
}

export function parseTherapyModelInput(input: unknown): TTherapyModelInput {
  const parsed = ZTherapyModelInputSchema.safeParse(input);
  if (!parsed.success) throw new TherapyModelInputError(parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(input)', message: i.message })));
  return parsed.data;
}

/** Raw model outputs for rows already laid out as MODEL_INPUT_NAMES: [mean, p10, p90] per row. */
export async function runTherapyModel(rows: Float64Array, options: Pick<PredictOptions, 'modelDir'> = {}): Promise<Float32Array> {
  if (rows.length % N_MODEL_INPUTS !== 0) throw new RangeError(`rows must hold a multiple of ${N_MODEL_INPUTS} values`);
  const model = await loadModel(options.modelDir);
  const out = await model.session.run({ features: new ort.Tensor('float64', rows, [rows.length / N_MODEL_INPUTS, N_MODEL_INPUTS]) });
  const predictions = out.predictions;
  if (!predictions) throw new TherapyModelUnavailableError('model.onnx has no "predictions" output');
  return predictions.data as Float32Array;
}

const K = DRUG_CLASS_IDS.length;
const toPercent = (mmolMol: number): number => hba1cReported(mmolMol, 'mmolMol').percent;

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
  const out = await runTherapyModel(rows, options);
  const explanation = options.explain === false ? undefined : await explanationOf(await loadModel(options.modelDir));
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
  return { options: result, model: { name: 'diabetes-therapy', trainedOn: 'synthetic digital twins', notForClinicalUse: true } };
}

export interface BatchPrediction {
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
  const out = await runTherapyModel(rowsFor(patients), options);
  return {
    predictions: patients.map((_, i) =>
      DRUG_CLASS_IDS.map((c, j) => {
        const r = (i * K + j) * 3;
        return { drugClass: c, hba1cChangeMmolMol: out[r] ?? NaN, p10: out[r + 1] ?? NaN, p90: out[r + 2] ?? NaN };
      }),
    ),
  };
}
