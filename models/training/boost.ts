import type { Binning } from '@/models/training/binning';
import { binnedLeaf, growTree } from '@/models/training/grow-tree';
import { createRandom } from '@/server/synthetic/digital-twins/random';
import type { RegressionTree } from '@/server/diabetes/model/tree-ensemble';
import { predictTree } from '@/server/diabetes/model/tree-ensemble';

/**
 * Gradient boosting (Friedman 2001) with squared or quantile (pinball) loss, row subsampling and early
 * stopping on a validation set of observed outcomes only: the counterfactual truth never steers
 * training or model selection.
 */
export type Loss = { kind: 'squared' } | { kind: 'quantile'; alpha: number };

export interface BoostParams {
  loss: Loss;
  maxRounds: number;
  learningRate: number;
  maxDepth: number;
  minLeaf: number;
  lambda: number;
  subsample: number;
  seed: number;
  earlyStoppingRounds: number;
  allowedFeatures: Int32Array;
}

export interface BoostTrain {
  binning: Binning;
  y: Float64Array;
  rows: Int32Array;
  /** Starting prediction per row (a previous stage); the base value is added on top. */
  offset: Float64Array;
}

export interface BoostValidation {
  x: Float64Array;
  y: Float64Array;
  rows: Int32Array;
  offset: Float64Array;
  nFeatures: number;
}

export interface BoostResult {
  baseValue: number;
  trees: RegressionTree[];
  /** Validation loss after each round (index 0 = base value only). */
  validationLoss: number[];
  bestRound: number;
}

/** Seven significant digits keep the JSON and ONNX files small and both carry exactly these values. */
const compact = (v: number): number => Number(v.toPrecision(7));

export function quantileOf(values: Float64Array, alpha: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const pos = alpha * (sorted.length - 1);
  const lo = Math.floor(pos);
  const frac = pos - lo;
  return (sorted[lo] ?? 0) * (1 - frac) + (sorted[Math.min(lo + 1, sorted.length - 1)] ?? 0) * frac;
}

function lossOf(loss: Loss, y: number, pred: number): number {
  const r = y - pred;
  if (loss.kind === 'squared') return r * r;
  return r >= 0 ? loss.alpha * r : (loss.alpha - 1) * r;
}

export function boost(
  train: BoostTrain,
  validation: BoostValidation,
  params: BoostParams,
  options: { baseValue?: number; onRound?: (round: number, loss: number) => void } = {},
): BoostResult {
  const { loss } = params;
  const { y, rows, binning } = train;
  const residualsOfRows = (rs: ArrayLike<number>): Float64Array => {
    const out = new Float64Array(rs.length);
    for (let i = 0; i < rs.length; i++) {
      const r = rs[i] ?? 0;
      out[i] = (y[r] ?? 0) - (pred[r] ?? 0);
    }
    return out;
  };
  const pred = Float64Array.from(train.offset);
  let baseValue = options.baseValue;
  if (baseValue === undefined) {
    const res = residualsOfRows(rows);
    baseValue = compact(loss.kind === 'squared' ? res.reduce((s, v) => s + v, 0) / Math.max(1, res.length) : quantileOf(res, loss.alpha));
  }
  for (const r of rows) pred[r] = (pred[r] ?? 0) + baseValue;
  const valPred = Float64Array.from(validation.offset);
  for (const r of validation.rows) valPred[r] = (valPred[r] ?? 0) + baseValue;
  const validationLossNow = (): number => {
    let s = 0;
    for (const r of validation.rows) s += lossOf(loss, validation.y[r] ?? 0, valPred[r] ?? 0);
    return s / Math.max(1, validation.rows.length);
  };

  const rng = createRandom(params.seed, 0x5eed);
  const gradient = new Float64Array(y.length);
  const trees: RegressionTree[] = [];
  const history = [validationLossNow()];
  let best = 0;
  const sample = new Int32Array(rows.length);
  for (let round = 1; round <= params.maxRounds; round++) {
    let m = 0;
    for (const r of rows) {
      if (params.subsample >= 1 || rng.uniform() < params.subsample) sample[m++] = r;
      const res = (y[r] ?? 0) - (pred[r] ?? 0);
      // Negative gradient of the loss with respect to the prediction, with the sign the tree fits.
      gradient[r] = loss.kind === 'squared' ? -res : res > 0 ? -loss.alpha : 1 - loss.alpha;
    }
    const sampled = sample.slice(0, m);
    const grown = growTree(binning, gradient, sampled, params, (leafRows) => {
      if (loss.kind === 'squared') {
        let g = 0;
        for (const r of leafRows) g += gradient[r] ?? 0;
        return compact((-g / (leafRows.length + params.lambda)) * params.learningRate);
      }
      return compact(quantileOf(residualsOfRows(leafRows), loss.alpha) * params.learningRate);
    });
    trees.push(grown.tree);
    for (const r of rows) pred[r] = (pred[r] ?? 0) + (grown.tree.value[binnedLeaf(grown, binning.bins, binning.nFeatures, r)] ?? 0);
    for (const r of validation.rows) valPred[r] = (valPred[r] ?? 0) + predictTree(grown.tree, validation.x, r * validation.nFeatures);
    const l = validationLossNow();
    history.push(l);
    if (l < (history[best] ?? Infinity)) best = round;
    options.onRound?.(round, l);
    if (round - best >= params.earlyStoppingRounds) break;
  }
  return { baseValue, trees: trees.slice(0, best), validationLoss: history, bestRound: best };
}
