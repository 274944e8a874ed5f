import type { BoostParams, BoostResult } from '@/models/training/boost';
import { boost } from '@/models/training/boost';
import type { Binning } from '@/models/training/binning';
import { applyBins, fitThresholds } from '@/models/training/binning';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { MODEL_INPUT_NAMES, N_MODEL_INPUTS, N_PATIENT_INPUTS, classInputIndex, writeModelRow } from '@/server/diabetes/model/feature-vector';
import { withMissingOptionalInputs } from '@/models/training/missingness';
import { OUTPUT_COLUMNS } from '@/server/diabetes/model/model-outputs';
import type { EnsembleTarget, RegressionTree, TreeEnsemble } from '@/server/diabetes/model/tree-ensemble';
import { predictTree } from '@/server/diabetes/model/tree-ensemble';
import type { DigitalTwin } from '@/server/synthetic/digital-twins/generate';

/**
 * The therapy model, fitted on observed outcomes only:
 * 1. a shared gradient-boosted model of the HbA1c change given the features and the received class
 *    (an "S-learner"), which borrows strength across classes for the large common effects (baseline
 *    HbA1c above all);
 * 2. per-class residual boosting: trees grown only on the patients who received class k, each placed
 *    under a root split on that class's indicator, so class-specific heterogeneity the shared trees
 *    shrink away is recovered (a T-learner correction, cf. Künzel et al., PNAS 2019);
 * 3. 10th and 90th percentile models (quantile loss) for the prediction interval;
 * 4. the 12-month weight change (mean, 10th and 90th percentile) and the probability of a symptomatic
 *    hypoglycaemia (squared loss on the observed 0/1 event, i.e. a Brier-score fit), each from the
 *    observed outcome of the received class only.
 * Optional inputs are missing at realistic rates in the training rows (missingness.ts), so every tree
 * learns where a missing value goes. All targets are one tree ensemble, exported as one ONNX node.
 */
type StageParams = Omit<BoostParams, 'allowedFeatures' | 'loss' | 'seed'>;

export interface TherapyModelConfig {
  shared: StageParams;
  perClass: StageParams | null;
  quantile: StageParams;
  /** Weight change (mean and quantiles) and hypoglycaemia risk: few features matter, shallow trees do. */
  secondary: StageParams;
  maxBins: number;
  seed: number;
}

/** Version of the trained artefact (semver): bump the major version when inputs or outputs change. */
export const THERAPY_MODEL_VERSION = '3.0.0';

export const DEFAULT_CONFIG: TherapyModelConfig = {
  shared: { maxRounds: 1500, learningRate: 0.05, maxDepth: 5, minLeaf: 40, lambda: 10, subsample: 0.8, earlyStoppingRounds: 60 },
  perClass: { maxRounds: 300, learningRate: 0.03, maxDepth: 3, minLeaf: 80, lambda: 50, subsample: 0.8, earlyStoppingRounds: 40 },
  // Quantile models only set the interval around the mean; shallow and few trees keep serving cheap.
  quantile: { maxRounds: 300, learningRate: 0.15, maxDepth: 3, minLeaf: 100, lambda: 10, subsample: 0.8, earlyStoppingRounds: 30 },
  secondary: { maxRounds: 400, learningRate: 0.15, maxDepth: 4, minLeaf: 50, lambda: 10, subsample: 0.8, earlyStoppingRounds: 30 },
  maxBins: 64,
  seed: 1,
};

export interface ObservedMatrix {
  x: Float64Array;
  /** Observed outcomes of the received class. */
  hba1c: Float64Array;
  weight: Float64Array;
  hypoglycaemia: Float64Array;
  n: number;
}

/** Rows of the received class with optional inputs missing as in a clinic, and the observed outcomes. */
export function observedMatrix(twins: readonly DigitalTwin[]): ObservedMatrix {
  const n = twins.length;
  const x = new Float64Array(n * N_MODEL_INPUTS);
  const hba1c = new Float64Array(n);
  const weight = new Float64Array(n);
  const hypoglycaemia = new Float64Array(n);
  twins.forEach((t, i) => {
    writeModelRow(x, i, withMissingOptionalInputs(t.features, t.id), t.receivedClass);
    hba1c[i] = t.observed.hba1cChangeMmolMol;
    weight[i] = t.observed.weightChangeKg;
    hypoglycaemia[i] = t.observed.hypoglycaemia ? 1 : 0;
  });
  return { x, hba1c, weight, hypoglycaemia, n };
}

const range = (n: number): Int32Array => Int32Array.from({ length: n }, (_, i) => i);

/** Puts a class-k tree under a root split on the class-k indicator (other classes get 0). */
function underClassRoot(tree: RegressionTree, classFeature: number, otherCover: number): RegressionTree {
  const shift = (i: number): number => (i < 0 ? -1 : i + 2);
  const subtreeCover = tree.cover[0] ?? 0;
  return {
    feature: [classFeature, -1, ...tree.feature],
    threshold: [0.5, 0, ...tree.threshold],
    left: [1, -1, ...tree.left.map(shift)],
    right: [2, -1, ...tree.right.map(shift)],
    value: [0, 0, ...tree.value],
    cover: [otherCover + subtreeCover, otherCover, ...tree.cover],
    missingLeft: [0, 0, ...tree.missingLeft],
  };
}

export interface TrainLog {
  (message: string): void;
}

export function trainTherapyModel(
  train: readonly DigitalTwin[],
  validation: readonly DigitalTwin[],
  config: TherapyModelConfig = DEFAULT_CONFIG,
  log: TrainLog = () => {},
): { ensemble: TreeEnsemble; summary: Record<string, BoostResult['bestRound'] | number> } {
  const tr = observedMatrix(train);
  const va = observedMatrix(validation);
  const thresholds = fitThresholds(tr.x, tr.n, N_MODEL_INPUTS, config.maxBins);
  const binning: Binning = applyBins(tr.x, tr.n, N_MODEL_INPUTS, thresholds);
  const allFeatures = range(N_MODEL_INPUTS);
  const patientFeatures = range(N_PATIENT_INPUTS);
  const trainRows = range(tr.n);
  const valRows = range(va.n);
  const zerosTrain = new Float64Array(tr.n);
  const zerosVal = new Float64Array(va.n);
  const validationSet = (offset: Float64Array, rows: Int32Array = valRows, y: Float64Array = va.hba1c) => ({ x: va.x, y, rows, offset, nFeatures: N_MODEL_INPUTS });
  const every = (label: string) => (round: number, loss: number) => {
    if (round % 100 === 0) log(`  ${label}: round ${round}, validation loss ${loss.toFixed(3)}`);
  };

  log(`shared model on ${tr.n} observed outcomes (${N_MODEL_INPUTS} inputs)`);
  const shared = boost(
    { binning, y: tr.hba1c, rows: trainRows, offset: zerosTrain },
    validationSet(zerosVal),
    { ...config.shared, loss: { kind: 'squared' }, seed: config.seed, allowedFeatures: allFeatures },
    { onRound: every('shared') },
  );
  log(`  shared: ${shared.trees.length} trees, validation MSE ${shared.validationLoss[shared.bestRound]?.toFixed(3)}`);

  const meanTrees = [...shared.trees];
  const summary: Record<string, number> = { sharedTrees: shared.trees.length, sharedValidationMse: shared.validationLoss[shared.bestRound] ?? NaN };
  if (config.perClass) {
    const trainPred = new Float64Array(tr.n);
    const valPred = new Float64Array(va.n);
    for (let i = 0; i < tr.n; i++) {
      let s = shared.baseValue;
      for (const t of shared.trees) s += predictTree(t, tr.x, i * N_MODEL_INPUTS);
      trainPred[i] = s;
    }
    for (let i = 0; i < va.n; i++) {
      let s = shared.baseValue;
      for (const t of shared.trees) s += predictTree(t, va.x, i * N_MODEL_INPUTS);
      valPred[i] = s;
    }
    for (const [k, c] of DRUG_CLASS_IDS.entries()) {
      const feature = classInputIndex(c);
      const rowsK = trainRows.filter((r) => tr.x[r * N_MODEL_INPUTS + feature] === 1);
      const valK = valRows.filter((r) => va.x[r * N_MODEL_INPUTS + feature] === 1);
      const result = boost(
        { binning, y: tr.hba1c, rows: rowsK, offset: trainPred },
        validationSet(valPred, valK),
        { ...config.perClass, loss: { kind: 'squared' }, seed: config.seed + 100 + k, allowedFeatures: patientFeatures },
        { baseValue: 0 },
      );
      log(`  per-class ${c}: ${rowsK.length} rows, ${result.trees.length} trees, validation MSE ${result.validationLoss[0]?.toFixed(3)} → ${result.validationLoss[result.bestRound]?.toFixed(3)}`);
      summary[`perClassTrees_${c}`] = result.trees.length;
      for (const t of result.trees) meanTrees.push(underClassRoot(t, feature, tr.n - rowsK.length));
    }
  }

  const stage = (name: (typeof OUTPUT_COLUMNS)[number], y: Float64Array, yVal: Float64Array, params: StageParams, loss: BoostParams['loss'], salt: number): EnsembleTarget => {
    log(`${name} model`);
    const result = boost(
      { binning, y, rows: trainRows, offset: zerosTrain },
      validationSet(zerosVal, valRows, yVal),
      { ...params, loss, seed: config.seed + salt, allowedFeatures: allFeatures },
      { onRound: every(name) },
    );
    log(`  ${name}: ${result.trees.length} trees, validation loss ${result.validationLoss[result.bestRound]?.toFixed(4)}`);
    summary[`${name}Trees`] = result.trees.length;
    return { name, baseValue: result.baseValue, trees: result.trees };
  };
  const q = (alpha: number): BoostParams['loss'] => ({ kind: 'quantile', alpha });
  const targets: Record<(typeof OUTPUT_COLUMNS)[number], EnsembleTarget> = {
    hba1cChange: { name: 'hba1cChange', baseValue: shared.baseValue, trees: meanTrees },
    hba1cChangeP10: stage('hba1cChangeP10', tr.hba1c, va.hba1c, config.quantile, q(0.1), 10),
    hba1cChangeP90: stage('hba1cChangeP90', tr.hba1c, va.hba1c, config.quantile, q(0.9), 11),
    weightChange: stage('weightChange', tr.weight, va.weight, config.secondary, { kind: 'squared' }, 20),
    weightChangeP10: stage('weightChangeP10', tr.weight, va.weight, config.secondary, q(0.1), 21),
    weightChangeP90: stage('weightChangeP90', tr.weight, va.weight, config.secondary, q(0.9), 22),
    hypoglycaemiaRisk: stage('hypoglycaemiaRisk', tr.hypoglycaemia, va.hypoglycaemia, config.secondary, { kind: 'squared' }, 30),
  };

  return {
    ensemble: { featureNames: MODEL_INPUT_NAMES, targets: OUTPUT_COLUMNS.map((c) => targets[c]) },
    summary,
  };
}
