import type { EnsembleTarget, RegressionTree } from '@/server/diabetes/model/tree-ensemble';

/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature
 * attribution for tree ensembles", Algorithm 2). The contributions satisfy
 *   expectedValue(target) + Σ contributions = prediction
 * where the expectation is over the training rows (node covers).
 */
interface PathElement {
  feature: number;
  zeroFraction: number;
  oneFraction: number;
  weight: number;
}

function extendPath(path: PathElement[], zeroFraction: number, oneFraction: number, feature: number): PathElement[] {
  const l = path.length;
  const next = path.map((e) => ({ ...e }));
  next.push({ feature, zeroFraction, oneFraction, weight: l === 0 ? 1 : 0 });
  for (let i = l - 1; i >= 0; i--) {
    const ei = next[i] as PathElement;
    const ej = next[i + 1] as PathElement;
    ej.weight += (oneFraction * ei.weight * (i + 1)) / (l + 1);
    ei.weight = (zeroFraction * ei.weight * (l - i)) / (l + 1);
  }
  return next;
}

function unwindPath(path: PathElement[], index: number): PathElement[] {
  const l = path.length - 1;
  const { oneFraction, zeroFraction } = path[index] as PathElement;
  const next = path.map((e) => ({ ...e }));
  let n = (next[l] as PathElement).weight;
  for (let j = l - 1; j >= 0; j--) {
    const e = next[j] as PathElement;
    if (oneFraction !== 0) {
      const t = e.weight;
      e.weight = (n * (l + 1)) / ((j + 1) * oneFraction);
      n = t - (e.weight * zeroFraction * (l - j)) / (l + 1);
    } else {
      e.weight = (e.weight * (l + 1)) / (zeroFraction * (l - j));
    }
  }
  for (let j = index; j < l; j++) {
    const to = next[j] as PathElement;
    const from = next[j + 1] as PathElement;
    to.feature = from.feature;
    to.zeroFraction = from.zeroFraction;
    to.oneFraction = from.oneFraction;
  }
  next.pop();
  return next;
}

function unwoundPathSum(path: PathElement[], index: number): number {
  const l = path.length - 1;
  const { oneFraction, zeroFraction } = path[index] as PathElement;
  let nextOnePortion = (path[l] as PathElement).weight;
  let total = 0;
  for (let j = l - 1; j >= 0; j--) {
    const w = (path[j] as PathElement).weight;
    if (oneFraction !== 0) {
      const t = (nextOnePortion * (l + 1)) / ((j + 1) * oneFraction);
      total += t;
      nextOnePortion = w - (t * zeroFraction * (l - j)) / (l + 1);
    } else {
      total += w / zeroFraction / ((l - j) / (l + 1));
    }
  }
  return total;
}

function treeShapInto(tree: RegressionTree, x: ArrayLike<number>, offset: number, phi: Float64Array): void {
  const recurse = (node: number, parentPath: PathElement[], zeroFraction: number, oneFraction: number, feature: number): void => {
    let path = extendPath(parentPath, zeroFraction, oneFraction, feature);
    const f = tree.feature[node] ?? -1;
    if (f < 0) {
      const v = tree.value[node] ?? 0;
      for (let i = 1; i < path.length; i++) {
        const e = path[i] as PathElement;
        phi[e.feature] = (phi[e.feature] ?? 0) + unwoundPathSum(path, i) * (e.oneFraction - e.zeroFraction) * v;
      }
      return;
    }
    const left = tree.left[node] ?? 0;
    const right = tree.right[node] ?? 0;
    const goLeft = (x[offset + f] ?? 0) <= (tree.threshold[node] ?? 0);
    const hot = goLeft ? left : right;
    const cold = goLeft ? right : left;
    const cover = tree.cover[node] ?? 1;
    let incomingZero = 1;
    let incomingOne = 1;
    const k = path.findIndex((e, i) => i > 0 && e.feature === f);
    if (k > 0) {
      incomingZero = (path[k] as PathElement).zeroFraction;
      incomingOne = (path[k] as PathElement).oneFraction;
      path = unwindPath(path, k);
    }
    recurse(hot, path, (incomingZero * (tree.cover[hot] ?? 0)) / cover, incomingOne, f);
    recurse(cold, path, (incomingZero * (tree.cover[cold] ?? 0)) / cover, 0, f);
  };
  recurse(0, [], 1, 1, -1);
}

/** Mean prediction of one tree over the training rows (cover-weighted leaves). */
export function treeExpectedValue(tree: RegressionTree): number {
  let sum = 0;
  for (let node = 0; node < tree.feature.length; node++) if ((tree.feature[node] ?? -1) < 0) sum += (tree.value[node] ?? 0) * (tree.cover[node] ?? 0);
  return sum / (tree.cover[0] ?? 1);
}

export function expectedValue(target: EnsembleTarget): number {
  return target.trees.reduce((s, t) => s + treeExpectedValue(t), target.baseValue);
}

/** SHAP value of every input for one row; sums to prediction − expectedValue(target). */
export function treeShap(target: EnsembleTarget, x: ArrayLike<number>, nInputs: number, offset = 0): Float64Array {
  const phi = new Float64Array(nInputs);
  for (const tree of target.trees) treeShapInto(tree, x, offset, phi);
  return phi;
}
