import type { EnsembleTarget, RegressionTree } from '@/server/diabetes/model/tree-ensemble';

/**
 * BASELINE FOR THE BENCH ONLY: the recursive TreeSHAP the server used before the path tables
 * (server/diabetes/model/tree-shap.ts), kept so `npm run bench -- model-inference` measures the ratio
 * on the same machine in the same run. Production code never imports this file.
 *
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature
 * attribution for tree ensembles", Algorithm 2). The contributions satisfy
 *   expectedValue(target) + Σ contributions = prediction
 * where the expectation is over the training rows (node covers).
 */
// The path is kept in flat typed arrays, one segment per recursion level (as in the reference C++
// implementation in the shap package), because allocating path objects made an explanation of 7
// classes take ~100 ms.
const MAX_DEPTH = 40;
const BUFFER = ((MAX_DEPTH + 2) * (MAX_DEPTH + 3)) / 2;
const pathFeature = new Int32Array(BUFFER);
const pathZero = new Float64Array(BUFFER);
const pathOne = new Float64Array(BUFFER);
const pathWeight = new Float64Array(BUFFER);

function extendPath(at: number, depth: number, zeroFraction: number, oneFraction: number, feature: number): void {
  pathFeature[at + depth] = feature;
  pathZero[at + depth] = zeroFraction;
  pathOne[at + depth] = oneFraction;
  pathWeight[at + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    pathWeight[at + i + 1] = (pathWeight[at + i + 1] ?? 0) + (oneFraction * (pathWeight[at + i] ?? 0) * (i + 1)) / (depth + 1);
    pathWeight[at + i] = (zeroFraction * (pathWeight[at + i] ?? 0) * (depth - i)) / (depth + 1);
  }
}

function unwindPath(at: number, depth: number, index: number): void {
  const oneFraction = pathOne[at + index] ?? 0;
  const zeroFraction = pathZero[at + index] ?? 0;
  let nextOnePortion = pathWeight[at + depth] ?? 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (oneFraction !== 0) {
      const t = pathWeight[at + i] ?? 0;
      pathWeight[at + i] = (nextOnePortion * (depth + 1)) / ((i + 1) * oneFraction);
      nextOnePortion = t - ((pathWeight[at + i] ?? 0) * zeroFraction * (depth - i)) / (depth + 1);
    } else {
      pathWeight[at + i] = ((pathWeight[at + i] ?? 0) * (depth + 1)) / (zeroFraction * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    pathFeature[at + i] = pathFeature[at + i + 1] ?? 0;
    pathZero[at + i] = pathZero[at + i + 1] ?? 0;
    pathOne[at + i] = pathOne[at + i + 1] ?? 0;
  }
}

function unwoundPathSum(at: number, depth: number, index: number): number {
  const oneFraction = pathOne[at + index] ?? 0;
  const zeroFraction = pathZero[at + index] ?? 0;
  let nextOnePortion = pathWeight[at + depth] ?? 0;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (oneFraction !== 0) {
      const t = (nextOnePortion * (depth + 1)) / ((i + 1) * oneFraction);
      total += t;
      nextOnePortion = (pathWeight[at + i] ?? 0) - (t * zeroFraction * (depth - i)) / (depth + 1);
    } else {
      total += (pathWeight[at + i] ?? 0) / zeroFraction / ((depth - i) / (depth + 1));
    }
  }
  return total;
}

/** A tree as typed arrays, built once per tree: the hot loop then does no bounds fallbacks. */
interface CompiledTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  cover: Float64Array;
  missingLeft: Uint8Array;
}

const compiled = new WeakMap<RegressionTree, CompiledTree>();

function compile(tree: RegressionTree): CompiledTree {
  let c = compiled.get(tree);
  if (!c) {
    c = {
      feature: Int32Array.from(tree.feature),
      threshold: Float64Array.from(tree.threshold),
      left: Int32Array.from(tree.left),
      right: Int32Array.from(tree.right),
      value: Float64Array.from(tree.value),
      cover: Float64Array.from(tree.cover),
      missingLeft: Uint8Array.from(tree.missingLeft),
    };
    compiled.set(tree, c);
  }
  return c;
}

function recurse(t: CompiledTree, x: ArrayLike<number>, offset: number, phi: Float64Array, node: number, parentAt: number, depthIn: number, zeroFraction: number, oneFraction: number, feature: number): void {
  let depth = depthIn;
  const at = parentAt + depth + 1;
  if (at + depth + 1 > BUFFER) throw new RangeError(`tree deeper than ${MAX_DEPTH}`);
  if (depth > 0) {
    pathFeature.copyWithin(at, parentAt, parentAt + depth + 1);
    pathZero.copyWithin(at, parentAt, parentAt + depth + 1);
    pathOne.copyWithin(at, parentAt, parentAt + depth + 1);
    pathWeight.copyWithin(at, parentAt, parentAt + depth + 1);
  }
  extendPath(at, depth, zeroFraction, oneFraction, feature);
  const f = t.feature[node] as number;
  if (f < 0) {
    const v = t.value[node] as number;
    if (v === 0) return;
    for (let i = 1; i <= depth; i++) {
      const fi = pathFeature[at + i] as number;
      phi[fi] = (phi[fi] as number) + unwoundPathSum(at, depth, i) * ((pathOne[at + i] as number) - (pathZero[at + i] as number)) * v;
    }
    return;
  }
  const left = t.left[node] as number;
  const right = t.right[node] as number;
  const xf = x[offset + f] as number;
  const goLeft = Number.isNaN(xf) ? t.missingLeft[node] === 1 : xf <= (t.threshold[node] as number);
  const hot = goLeft ? left : right;
  const cold = goLeft ? right : left;
  const cover = t.cover[node] as number;
  let incomingZero = 1;
  let incomingOne = 1;
  let k = 0;
  while (k <= depth && pathFeature[at + k] !== f) k++;
  if (k <= depth) {
    incomingZero = pathZero[at + k] as number;
    incomingOne = pathOne[at + k] as number;
    unwindPath(at, depth, k);
    depth -= 1;
  }
  recurse(t, x, offset, phi, hot, at, depth + 1, (incomingZero * (t.cover[hot] as number)) / cover, incomingOne, f);
  recurse(t, x, offset, phi, cold, at, depth + 1, (incomingZero * (t.cover[cold] as number)) / cover, 0, f);
}

function treeShapInto(tree: RegressionTree, x: ArrayLike<number>, offset: number, phi: Float64Array): void {
  // The root level starts from an empty segment at offset 0 with a dummy element (feature -1).
  recurse(compile(tree), x, offset, phi, 0, -1, 0, 1, 1, -1);
}

/** SHAP value of every input for one row; sums to prediction − expectedValue(target). */
export function recursiveTreeShap(target: EnsembleTarget, x: ArrayLike<number>, nInputs: number, offset = 0): Float64Array {
  const phi = new Float64Array(nInputs);
  for (const tree of target.trees) treeShapInto(tree, x, offset, phi);
  return phi;
}
