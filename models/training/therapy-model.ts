import type { BoostParams, BoostResult } from '@/models/training/boost';
import { boost } from '@/models/training/boost';
import type { Binning } from '@/models/training/binning';
import { applyBins, fitThresholds } from '@/models/training/binning';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { MODEL_INPUT_NAMES, N_MODEL_INPUTS, N_PATIENT_INPUTS, classInputIndex, writeModelRow } from '@/server/diabetes/model/feature-vector';
import type { RegressionTree, TreeEnsemble } from '@/server/diabetes/model/tree-ensemble';
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
 * 3. 10th and 90th percentile models (quantile loss) for the prediction interval.
 * All three are one tree ensemble with three targets, exported as one ONNX node.
 */
export interface TherapyModelConfig {
  shared: Omit<BoostParams, 'allowedFeatures' | 'loss' | 'seed'>;
  perClass: Omit<BoostParams, 'allowedFeatures' | 'loss' | 'seed'> | null;
  quantile: Omit<BoostParams, 'allowedFeatures' | 'loss' | 'seed'>;
  maxBins: number;
  seed: number;
}

/** Version of the trained artefact (semver): bump the major version when inputs or outputs change. */
export const THERAPY_MODEL_VERSION = '2.0.0';

export const DEFAULT_CONFIG: TherapyModelConfig = {
  shared: { maxRounds: 1500, learningRate: 0.05, maxDepth: 5, minLeaf: 40, lambda: 10, subsample: 0.8, earlyStoppingRounds: 60 },
  perClass: { maxRounds: 300, learningRate: 0.03, maxDepth: 3, minLeaf: 80, lambda: 50, subsample: 0.8, earlyStoppingRounds: 40 },
  // Quantile models only set the interval around the mean; shallow and few trees keep serving cheap.
  quantile: { maxRounds: 300, learningRate: 0.15, maxDepth: 3, minLeaf: 100, lambda: 10, subsample: 0.8, earlyStoppingRounds: 30 },
  maxBins: 64,
  seed: 1,
};

export const TARGET_NAMES = ['hba1cChange', 'hba1cChangeP10', 'hba1cChangeP90'] as const;

export interface ObservedMatrix {
  x: Float64Array;
  y: Float64Array;
  n: number;
}

export function observedMatrix(twins: readonly DigitalTwin[]): ObservedMatrix {
  const n = twins.length;
  const x = new Float64Array(n * N_MODEL_INPUTS);
  const y = new Float64Array(n);
  twins.forEach((t, i) => {
    writeModelRow(x, i, t.features, t.receivedClass);
    y[i] = t.observed.hba1cChangeMmolMol;
  });
  return { x, y, n };
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
  const validationSet = (offset: Float64Array, rows: Int32Array = valRows) => ({ x: va.x, y: va.y, rows, offset, nFeatures: N_MODEL_INPUTS });
  const every = (label: string) => (round: number, loss: number) => {
    if (round % 100 === 0) log(`  ${label}: round ${round}, validation loss ${loss.toFixed(3)}`);
  };

  log(`shared model on ${tr.n} observed outcomes (${N_MODEL_INPUTS} inputs)`);
  const shared = boost(
    { binning, y: tr.y, rows: trainRows, offset: zerosTrain },
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
        { binning, y: tr.y, rows: rowsK, offset: trainPred },
        validationSet(valPred, valK),
        { ...config.perClass, loss: { kind: 'squared' }, seed: config.seed + 100 + k, allowedFeatures: patientFeatures },
        { baseValue: 0 },
      );
      log(`  per-class ${c}: ${rowsK.length} rows, ${result.trees.length} trees, validation MSE ${result.validationLoss[0]?.toFixed(3)} → ${result.validationLoss[result.bestRound]?.toFixed(3)}`);
      summary[`perClassTrees_${c}`] = result.trees.length;
      for (const t of result.trees) meanTrees.push(underClassRoot(t, feature, tr.n - rowsK.length));
    }
  }

  const quantileTargets = ([0.1, 0.9] as const).map((alpha, i) => {
    log(`quantile model ${alpha}`);
    const q = boost(
      { binning, y: tr.y, rows: trainRows, offset: zerosTrain },
      validationSet(zerosVal),
      { ...config.quantile, loss: { kind: 'quantile', alpha }, seed: config.seed + 10 + i, allowedFeatures: allFeatures },
      { onRound: every(`q${alpha}`) },
    );
    log(`  q${alpha}: ${q.trees.length} trees, validation pinball ${q.validationLoss[q.bestRound]?.toFixed(3)}`);
    summary[`quantileTrees_${alpha}`] = q.trees.length;
    return { name: TARGET_NAMES[i + 1] ?? '', baseValue: q.baseValue, trees: q.trees };
  });

  return {
    ensemble: {
      featureNames: MODEL_INPUT_NAMES,
      targets: [{ name: TARGET_NAMES[0], baseValue: shared.baseValue, trees: meanTrees }, ...quantileTargets],
    },
    summary,
  };
}
