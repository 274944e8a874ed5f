import type { Binning } from '@/models/training/binning';
import { MISSING_BIN } from '@/models/training/binning';
import type { RegressionTree } from '@/server/diabetes/model/tree-ensemble';

/**
 * Grows one depth-wise regression tree on gradient histograms (XGBoost-style gain with L2 penalty
 * lambda on unit hessians). `leafValue` turns the rows of a leaf into its value, so squared loss
 * (−mean gradient) and quantile loss (quantile of residuals, as in Friedman's gradient boosting) share
 * the code. Also returns each node's split bin, which lets the booster route binned rows quickly.
 * Missing values (MISSING_BIN) are routed as in XGBoost's sparsity-aware split finding (Chen &
 * Guestrin, KDD 2016, Algorithm 3): each split tries them on the left and on the right and keeps the
 * better; where a node saw none, they follow the larger child.
 */
export interface GrowOptions {
  maxDepth: number;
  minLeaf: number;
  lambda: number;
  /** Features the tree may split on (others are skipped), e.g. to keep class indicators out. */
  allowedFeatures: Int32Array;
}

export interface GrownTree {
  tree: RegressionTree;
  splitBin: number[];
}

export function growTree(
  binning: Binning,
  gradient: Float64Array,
  rows: Int32Array,
  options: GrowOptions,
  leafValue: (rows: Int32Array) => number,
): GrownTree {
  const { bins, nFeatures, thresholds } = binning;
  const tree: RegressionTree = { feature: [], threshold: [], left: [], right: [], value: [], cover: [], missingLeft: [] };
  const splitBin: number[] = [];
  const maxBins = 256;
  const histG = new Float64Array(nFeatures * maxBins);
  const histN = new Int32Array(nFeatures * maxBins);

  const addNode = (): number => {
    tree.feature.push(-1);
    tree.threshold.push(0);
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(0);
    tree.cover.push(0);
    tree.missingLeft.push(0);
    splitBin.push(-1);
    return tree.feature.length - 1;
  };

  const build = (nodeRows: Int32Array, depth: number): number => {
    const node = addNode();
    const n = nodeRows.length;
    tree.cover[node] = n;
    let bestGain = 1e-9;
    let bestFeature = -1;
    let bestBin = -1;
    let bestMissingLeft = false;
    if (depth < options.maxDepth && n >= 2 * options.minLeaf) {
      histG.fill(0);
      histN.fill(0);
      let total = 0;
      for (let i = 0; i < n; i++) {
        const r = nodeRows[i] ?? 0;
        const g = gradient[r] ?? 0;
        total += g;
        const base = r * nFeatures;
        for (let f = 0; f < nFeatures; f++) {
          const idx = f * maxBins + (bins[base + f] ?? 0);
          histG[idx] = (histG[idx] ?? 0) + g;
          histN[idx] = (histN[idx] ?? 0) + 1;
        }
      }
      const parentScore = (total * total) / (n + options.lambda);
      const gainOf = (gl: number, nl: number): number => {
        const nr = n - nl;
        if (nl < options.minLeaf || nr < options.minLeaf) return -Infinity;
        const gr = total - gl;
        return (gl * gl) / (nl + options.lambda) + (gr * gr) / (nr + options.lambda) - parentScore;
      };
      for (const f of options.allowedFeatures) {
        const nb = (thresholds[f]?.length ?? 0) + 1;
        const gm = histG[f * maxBins + MISSING_BIN] ?? 0;
        const nm = histN[f * maxBins + MISSING_BIN] ?? 0;
        let gl = 0;
        let nl = 0;
        for (let b = 0; b < nb - 1; b++) {
          gl += histG[f * maxBins + b] ?? 0;
          nl += histN[f * maxBins + b] ?? 0;
          const right = gainOf(gl, nl);
          const left = nm > 0 ? gainOf(gl + gm, nl + nm) : -Infinity;
          if (right > bestGain || left > bestGain) {
            bestMissingLeft = left > right;
            bestGain = Math.max(left, right);
            bestFeature = f;
            bestBin = b;
          }
        }
      }
    }
    if (bestFeature < 0) {
      tree.value[node] = leafValue(nodeRows);
      return node;
    }
    let nLeft = 0;
    let nMissing = 0;
    for (let i = 0; i < n; i++) {
      const b = bins[(nodeRows[i] ?? 0) * nFeatures + bestFeature] ?? 0;
      if (b === MISSING_BIN) nMissing++;
      else if (b <= bestBin) nLeft++;
    }
    const missingLeft = nMissing > 0 ? bestMissingLeft : nLeft >= n - nLeft;
    tree.missingLeft[node] = missingLeft ? 1 : 0;
    const goesLeft = (b: number): boolean => (b === MISSING_BIN ? missingLeft : b <= bestBin);
    if (missingLeft) nLeft += nMissing;
    const leftRows = new Int32Array(nLeft);
    const rightRows = new Int32Array(n - nLeft);
    let li = 0;
    let ri = 0;
    for (let i = 0; i < n; i++) {
      const r = nodeRows[i] ?? 0;
      if (goesLeft(bins[r * nFeatures + bestFeature] ?? 0)) leftRows[li++] = r;
      else rightRows[ri++] = r;
    }
    tree.feature[node] = bestFeature;
    tree.threshold[node] = thresholds[bestFeature]?.[bestBin] ?? 0;
    splitBin[node] = bestBin;
    tree.left[node] = build(leftRows, depth + 1);
    tree.right[node] = build(rightRows, depth + 1);
    return node;
  };

  build(rows, 0);
  return { tree, splitBin };
}

/** Leaf reached by a binned row (same routing as thresholds on raw values). */
export function binnedLeaf(grown: GrownTree, bins: Uint8Array, nFeatures: number, row: number): number {
  const { tree, splitBin } = grown;
  let node = 0;
  for (;;) {
    const f = tree.feature[node] ?? -1;
    if (f < 0) return node;
    const b = bins[row * nFeatures + f] ?? 0;
    const left = b === MISSING_BIN ? tree.missingLeft[node] === 1 : b <= (splitBin[node] ?? 0);
    node = (left ? tree.left[node] : tree.right[node]) ?? 0;
  }
}
