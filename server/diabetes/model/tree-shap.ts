import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { EnsembleTarget, RegressionTree } from '@/server/diabetes/model/tree-ensemble';

/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature
 * attribution for tree ensembles", Algorithm 2) with precomputed path tables, the idea of Fast
 * TreeSHAP v2 (Yang 2021, arXiv:2109.09847). The contributions satisfy
 *   expectedValue(target) + Σ contributions = prediction
 * where the expectation is over the training rows (node covers).
 *
 * Why tables: a leaf's contribution to each feature on its path depends on the row only through which
 * of the path's distinct features the row "follows" (a bit each: the row takes every branch of the
 * path that splits on that feature). The zero fractions (cover ratios) are fixed by the tree. So for
 * every leaf and every one of the 2^d follow-patterns of its d distinct features, the d contributions
 * are computed once, at load; explaining a row is then one walk over the tree that carries the
 * pattern down and one table row added per leaf, instead of the O(L·D²) polynomial updates of the
 * recursive algorithm. It made an explained prediction of 7 classes ~5× cheaper.
 */

// Extending the path polynomial (Algorithm 2's EXTEND) in a scratch buffer, one element per distinct
// feature, preceded by the algorithm's dummy element (zero = one = 1).
const MAX_PATH = 64;
const pathZero = new Float64Array(MAX_PATH);
const pathOne = new Float64Array(MAX_PATH);
const pathWeight = new Float64Array(MAX_PATH);

function extendPath(depth: number, zeroFraction: number, oneFraction: number): void {
  pathZero[depth] = zeroFraction;
  pathOne[depth] = oneFraction;
  pathWeight[depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    pathWeight[i + 1] = (pathWeight[i + 1] as number) + (oneFraction * (pathWeight[i] as number) * (i + 1)) / (depth + 1);
    pathWeight[i] = (zeroFraction * (pathWeight[i] as number) * (depth - i)) / (depth + 1);
  }
}

/** Algorithm 2's UNWOUND-SUM: the path weight with element `index` removed. */
function unwoundPathSum(depth: number, index: number): number {
  const oneFraction = pathOne[index] as number;
  const zeroFraction = pathZero[index] as number;
  let nextOnePortion = pathWeight[depth] as number;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (oneFraction !== 0) {
      const t = (nextOnePortion * (depth + 1)) / ((i + 1) * oneFraction);
      total += t;
      nextOnePortion = (pathWeight[i] as number) - (t * zeroFraction * (depth - i)) / (depth + 1);
    } else {
      total += (pathWeight[i] as number) / zeroFraction / ((depth - i) / (depth + 1));
    }
  }
  return total;
}

/** A tree with, per node, the bit of its feature in the path pattern and, per leaf, its table. */
interface PathTables {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  missingLeft: Uint8Array;
  /** Bit of the node's feature among the distinct features on the path from the root (internal nodes). */
  bit: Int32Array;
  /** Distinct features the tree splits on: the only ones its contributions touch. */
  used: Int32Array;
  /** Leaves only: distinct path features in bit order, and contributions [pattern × d + k]. */
  leafFeatures: (Int32Array | null)[];
  leafTable: (Float64Array | null)[];
}

const compiled = new WeakMap<RegressionTree, PathTables>();

function compile(tree: RegressionTree): PathTables {
  const cached = compiled.get(tree);
  if (cached) return cached;
  const n = tree.feature.length;
  const t: PathTables = {
    feature: Int32Array.from(tree.feature),
    threshold: Float64Array.from(tree.threshold),
    left: Int32Array.from(tree.left),
    right: Int32Array.from(tree.right),
    missingLeft: Uint8Array.from(tree.missingLeft),
    bit: new Int32Array(n).fill(-1),
    used: Int32Array.from(new Set(tree.feature.filter((f) => f >= 0))),
    leafFeatures: new Array<Int32Array | null>(n).fill(null),
    leafTable: new Array<Float64Array | null>(n).fill(null),
  };
  // Walk every root-to-leaf path, keeping the distinct features seen and each one's zero fraction.
  const features: number[] = [];
  const zero: number[] = [];
  const visit = (node: number): void => {
    const f = t.feature[node] as number;
    if (f < 0) {
      const value = tree.value[node] ?? 0;
      const d = features.length;
      if (value === 0 || d === 0) return;
      // Patterns are bit masks in a 32-bit integer.
      if (d > 30) throw new RangeError("tree path with more than 30 distinct features");
      const table = new Float64Array((1 << d) * d);
      for (let pattern = 0; pattern < 1 << d; pattern++) {
        extendPath(0, 1, 1);
        for (let k = 0; k < d; k++) extendPath(k + 1, zero[k] as number, (pattern >> k) & 1);
        for (let k = 0; k < d; k++) {
          table[pattern * d + k] = unwoundPathSum(d, k + 1) * (((pattern >> k) & 1) - (zero[k] as number)) * value;
        }
      }
      t.leafFeatures[node] = Int32Array.from(features);
      t.leafTable[node] = table;
      return;
    }
    let k = features.indexOf(f);
    const added = k < 0;
    if (added) {
      k = features.length;
      features.push(f);
      zero.push(1);
    }
    t.bit[node] = k;
    const cover = tree.cover[node] ?? 1;
    const before = zero[k] as number;
    for (const child of [t.left[node] as number, t.right[node] as number]) {
      zero[k] = (before * (tree.cover[child] ?? 0)) / cover;
      visit(child);
    }
    zero[k] = before;
    if (added) {
      features.pop();
      zero.pop();
    }
  };
  visit(0);
  compiled.set(tree, t);
  return t;
}

function explainTree(t: PathTables, x: ArrayLike<number>, offset: number, phi: Float64Array, node: number, pattern: number): void {
  const f = t.feature[node] as number;
  if (f < 0) {
    const table = t.leafTable[node];
    const features = t.leafFeatures[node];
    if (!table || !features) return;
    const d = features.length;
    const base = (pattern & ((1 << d) - 1)) * d;
    for (let k = 0; k < d; k++) {
      const fk = features[k] as number;
      phi[fk] = (phi[fk] as number) + (table[base + k] as number);
    }
    return;
  }
  const v = x[offset + f] as number;
  const goLeft = Number.isNaN(v) ? t.missingLeft[node] === 1 : v <= (t.threshold[node] as number);
  const off = pattern & ~(1 << (t.bit[node] as number));
  explainTree(t, x, offset, phi, t.left[node] as number, goLeft ? pattern : off);
  explainTree(t, x, offset, phi, t.right[node] as number, goLeft ? off : pattern);
}

/** Builds the path tables of every tree now (at model load), so the first explanation does not pay. */
export function precomputeTreeShap(target: EnsembleTarget): void {
  for (const tree of target.trees) compile(tree);
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

// All bits set: a row follows every feature until a branch it does not take clears that bit.
const ALL = -1;

/** SHAP value of every input for one row; sums to prediction − expectedValue(target). */
export function treeShap(target: EnsembleTarget, x: ArrayLike<number>, nInputs: number, offset = 0): Float64Array {
  const phi = new Float64Array(nInputs);
  for (const tree of target.trees) explainTree(compile(tree), x, offset, phi, 0, ALL);
  return phi;
}

const same = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

/**
 * SHAP values of several rows of one matrix (e.g. one patient × the 7 candidate classes, which differ
 * only in the class indicators). A tree's contributions depend on a row only through the features it
 * splits on, so rows that agree on those share one walk of the tree: a tree that never splits on a
 * class indicator is walked once for all 7 rows, a per-class tree twice. Same values as treeShap.
 */
export function treeShapRows(target: EnsembleTarget, x: ArrayLike<number>, nInputs: number, offsets: readonly number[]): Float64Array[] {
  const state = rowsState(nInputs, offsets);
  for (const tree of target.trees) explainRowsOfTree(tree, x, offsets, state);
  return state.phis;
}

interface RowsState {
  phis: Float64Array[];
  scratch: Float64Array;
  group: Int32Array;
}

const rowsState = (nInputs: number, offsets: readonly number[]): RowsState => ({
  phis: offsets.map(() => new Float64Array(nInputs)),
  scratch: new Float64Array(nInputs),
  group: new Int32Array(offsets.length),
});

function explainRowsOfTree(tree: RegressionTree, x: ArrayLike<number>, offsets: readonly number[], { phis, scratch, group }: RowsState): void {
  const t = compile(tree);
  // Group rows by their values on the features this tree splits on; the first row of a group is its representative.
  for (let r = 0; r < offsets.length; r++) {
    group[r] = r;
    for (let q = 0; q < r; q++) {
      if (group[q] !== q) continue;
      let equal = true;
      for (const f of t.used) {
        if (!same(x[(offsets[r] as number) + f] as number, x[(offsets[q] as number) + f] as number)) {
          equal = false;
          break;
        }
      }
      if (equal) {
        group[r] = q;
        break;
      }
    }
  }
  for (let q = 0; q < offsets.length; q++) {
    if (group[q] !== q) continue;
    explainTree(t, x, offsets[q] as number, scratch, 0, ALL);
    for (let r = q; r < offsets.length; r++) {
      if (group[r] !== q) continue;
      const phi = phis[r] as Float64Array;
      for (const f of t.used) phi[f] = (phi[f] as number) + (scratch[f] as number);
    }
    for (const f of t.used) scratch[f] = 0;
  }
}

/** Trees between two looks at the clock: a tree walk takes microseconds, performance.now() about 0.1 µs. */
const TREES_PER_CHECK = 16;

/**
 * treeShapRows in slices of at most `sliceMs` of CPU, giving the event loop a turn (setImmediate)
 * between slices: an explanation then never holds the loop for longer than a slice, however many run
 * at once, so other requests and timers interleave with it. Same values as treeShapRows.
 */
export async function treeShapRowsSliced(target: EnsembleTarget, x: ArrayLike<number>, nInputs: number, offsets: readonly number[], sliceMs = 1): Promise<Float64Array[]> {
  const state = rowsState(nInputs, offsets);
  let sliceStart = performance.now();
  for (let i = 0; i < target.trees.length; i++) {
    explainRowsOfTree(target.trees[i] as RegressionTree, x, offsets, state);
    if (i % TREES_PER_CHECK === TREES_PER_CHECK - 1 && performance.now() - sliceStart >= sliceMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return state.phis;
}
