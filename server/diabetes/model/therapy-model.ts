import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASSES, DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import type { EligibilityReason } from '@/server/diabetes/model/eligibility';
import { ineligibilityReasons } from '@/server/diabetes/model/eligibility';
import { TherapyModelInputError } from '@/server/diabetes/model/errors';
import { N_MODEL_INPUTS, N_PATIENT_INPUTS, writeModelRow } from '@/server/diabetes/model/feature-vector';
import type { TTherapyModelInput } from '@/server/diabetes/model/input-schema';
import { ZTherapyModelInputSchema, assertRequiredInputs, toPatientFeatureValues } from '@/server/diabetes/model/input-schema';
import type { ModelArtefact } from '@/server/diabetes/model/model-integrity';
import { N_OUTPUTS, OUTPUT, wilsonInterval } from '@/server/diabetes/model/model-outputs';
import type { LoadedTherapyModel } from '@/server/diabetes/model/model-session';
import { loadTherapyModel, runSession } from '@/server/diabetes/model/model-session';
import type { PatientFeatureName, PatientFeatureValues } from '@/server/diabetes/model/patient-features';
import { OPTIONAL_FEATURE_NAMES, PATIENT_FEATURES, PATIENT_FEATURE_NAMES } from '@/server/diabetes/model/patient-features';
import { treeShapRowsSliced } from '@/server/diabetes/model/tree-shap';
import { hba1cReported } from '@/server/terminology/units';

/**
 * Serving the diabetes therapy model: one onnxruntime session per process (model-session.ts), for
 * the 7 candidate classes the 12-month HbA1c change, weight change (each with a 10th–90th percentile
 * interval) and hypoglycaemia risk, guardrail flags and a TreeSHAP explanation of the HbA1c change.
 * Missing optional inputs are answered from the trees' missing-value branches and named in the
 * result; missing required inputs are refused (TherapyModelMissingInputError). Trained on SYNTHETIC
 * data; NOT FOR CLINICAL USE — every result says so.
 */
export interface FeatureContribution {
  feature: PatientFeatureName;
  label: string;
  /** null when the input was missing (the model took its missing-value branch). */
  value: number | null;
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
  /** 12-month weight change in kg with its 10th–90th percentile. */
  weightChangeKg: { predicted: number; p10: number; p90: number };
  /** Probability of at least one symptomatic hypoglycaemia in 12 months, with an 80 % interval. */
  hypoglycaemiaRisk12m: { predicted: number; low: number; high: number };
  eligible: boolean;
  ineligibilityReasons: EligibilityReason[];
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
  /** Optional inputs the record did not have: the model answered without them (wider intervals). */
  missingInputs: { feature: PatientFeatureName; label: string }[];
  model: TherapyModelIdentity;
}

export interface PredictOptions {
  explain?: boolean;
  /** Folder with the model files; default models/diabetes-therapy. */
  modelDir?: string;
}

/** Validates an input: missing required inputs → TherapyModelMissingInputError; bad values → TherapyModelInputError. */
export function parseTherapyModelInput(input: unknown) {
  assertRequiredInputs(input);
  const parsed = ZTherapyModelInputSchema.safeParse(input);
  if (!parsed.success) throw new TherapyModelInputError(parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(input)', message: i.message })));
  return parsed.data;
}

/** Raw model outputs for rows laid out as MODEL_INPUT_NAMES: OUTPUT_COLUMNS per row. */
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
const toPercent = (mmolMol: number): number => hba1cReported(mmolMol, 'mmolMol').percent;
const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

function rowsFor(patients: readonly PatientFeatureValues[]): Float64Array {
  const rows = new Float64Array(patients.length * K * N_MODEL_INPUTS);
  patients.forEach((p, i) => DRUG_CLASS_IDS.forEach((c, j) => writeModelRow(rows, i * K + j, p, c)));
  return rows;
}

/** The outputs of one row (patient × class) of a model run. */
function outputsAt(out: Float32Array, row: number, c: DrugClassId, model: LoadedTherapyModel) {
  const at = (col: number): number => out[row * N_OUTPUTS + col] ?? NaN;
  const risk = clamp01(at(OUTPUT.hypoglycaemiaRisk));
  return {
    hba1cChangeMmolMol: at(OUTPUT.hba1cChange),
    p10: at(OUTPUT.hba1cChangeP10),
    p90: at(OUTPUT.hba1cChangeP90),
    weightChangeKg: { predicted: at(OUTPUT.weightChange), p10: at(OUTPUT.weightChangeP10), p90: at(OUTPUT.weightChangeP90) },
    hypoglycaemiaRisk12m: { predicted: risk, ...wilsonInterval(risk, model.hypoglycaemiaEvidence[c] ?? 0) },
  };
}

const missingOf = (p: PatientFeatureValues) => OPTIONAL_FEATURE_NAMES.filter((f) => Number.isNaN(p[f])).map((f) => ({ feature: f, label: PATIENT_FEATURES[f].label }));

/**
 * Predictions for one patient and all seven classes, in DRUG_CLASS_IDS order, unranked (ranking is
 * person-centred and lives in server/diabetes/recommendation/). The input is
 * validated again at run time (ranges, scope), so data that bypassed the type system is still refused.
 */
export async function predictTherapyOptions(input: TTherapyModelInput, options: PredictOptions = {}): Promise<TherapyPrediction> {
  const patient = toPatientFeatureValues(parseTherapyModelInput(input));
  const rows = rowsFor([patient]);
  const { model, out } = await runLoaded(rows, options);
  const explanation = options.explain === false ? undefined : model.explanation;
  // In slices of ~1 ms: the explanation is the costly part, and it must not hold the event loop while
  // other requests (other explanations, CDS calls, pages) wait.
  const phis = explanation ? await treeShapRowsSliced(explanation.target, rows, N_MODEL_INPUTS, DRUG_CLASS_IDS.map((_, j) => j * N_MODEL_INPUTS)) : [];
  const result: TherapyOption[] = DRUG_CLASS_IDS.map((c, j) => {
    const o = outputsAt(out, j, c, model);
    const reasons = ineligibilityReasons(c, patient);
    const option: TherapyOption = {
      drugClass: c,
      atc: DRUG_CLASSES[c].atc,
      label: DRUG_CLASSES[c].label,
      predictedHba1cChangeMmolMol: o.hba1cChangeMmolMol,
      intervalMmolMol: { p10: o.p10, p90: o.p90 },
      predictedHba1cMmolMol: patient.hba1cMmolMol + o.hba1cChangeMmolMol,
      predictedHba1cPercent: toPercent(patient.hba1cMmolMol + o.hba1cChangeMmolMol),
      weightChangeKg: o.weightChangeKg,
      hypoglycaemiaRisk12m: o.hypoglycaemiaRisk12m,
      eligible: reasons.length === 0,
      ineligibilityReasons: reasons,
    };
    if (explanation) {
      const phi = phis[j] ?? new Float64Array(N_MODEL_INPUTS);
      let candidate = 0;
      for (let f = N_PATIENT_INPUTS; f < N_MODEL_INPUTS; f++) candidate += phi[f] ?? 0;
      option.explanation = {
        baselineMmolMol: explanation.baseline,
        candidateClassContribution: candidate,
        contributions: PATIENT_FEATURE_NAMES.map((name, f) => ({
          feature: name,
          label: PATIENT_FEATURES[name].label,
          value: Number.isNaN(patient[name]) ? null : patient[name],
          unit: PATIENT_FEATURES[name].unit,
          contribution: phi[f] ?? 0,
        })).sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)),
      };
    }
    return option;
  });
  return { options: result, missingInputs: missingOf(patient), model: identity(model.artefact) };
}

export interface BatchPrediction {
  model: TherapyModelIdentity;
  /** Per patient, per class in DRUG_CLASS_IDS order. */
  predictions: ({ drugClass: DrugClassId } & ReturnType<typeof outputsAt>)[][];
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
    predictions: patients.map((_, i) => DRUG_CLASS_IDS.map((c, j) => ({ drugClass: c, ...outputsAt(out, i * K + j, c, model) }))),
  };
}
