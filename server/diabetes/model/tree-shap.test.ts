import { describe, expect, it } from 'vitest';
import { createRandom } from '@/server/synthetic/digital-twins/random';
import type { EnsembleTarget, RegressionTree } from '@/server/diabetes/model/tree-ensemble';
import { childOf, predictTarget } from '@/server/diabetes/model/tree-ensemble';
import { expectedValue, treeShap, treeShapRows, treeShapRowsSliced } from '@/server/diabetes/model/tree-shap';

/** A random full tree of the given depth whose covers split the parent's at random. */
function randomTree(seed: number, depth: number, nFeatures: number): RegressionTree {
  const rng = createRandom(seed);
  const t: RegressionTree = { feature: [], threshold: [], left: [], right: [], value: [], cover: [], missingLeft: [] };
  const build = (d: number, cover: number): number => {
    const node = t.feature.length;
    t.feature.push(-1);
    t.threshold.push(0);
    t.left.push(-1);
    t.right.push(-1);
    t.value.push(0);
    t.cover.push(cover);
    t.missingLeft.push(rng.bernoulli(0.5) ? 1 : 0);
    if (d === depth) {
      t.value[node] = rng.normal(0, 3);
      return node;
    }
    t.feature[node] = Math.floor(rng.uniform() * nFeatures);
    t.threshold[node] = rng.uniform();
    const leftCover = Math.max(1, Math.round(cover * (0.2 + 0.6 * rng.uniform())));
    t.left[node] = build(d + 1, leftCover);
    t.right[node] = build(d + 1, cover - leftCover);
    return node;
  };
  build(0, 1000);
  return t;
}

/** E[f(x) | x_S] under the path-dependent (cover-weighted) distribution, by tree traversal. */
function conditionalExpectation(tree: RegressionTree, x: number[], known: Set<number>, node = 0): number {
  const f = tree.feature[node] ?? -1;
  if (f < 0) return tree.value[node] ?? 0;
  const l = tree.left[node] ?? 0;
  const r = tree.right[node] ?? 0;
  if (known.has(f)) return conditionalExpectation(tree, x, known, childOf(tree, node, x[f] ?? 0));
  const c = tree.cover[node] ?? 1;
  return ((tree.cover[l] ?? 0) * conditionalExpectation(tree, x, known, l) + (tree.cover[r] ?? 0) * conditionalExpectation(tree, x, known, r)) / c;
}

function bruteForceShapley(target: EnsembleTarget, x: number[], nFeatures: number): number[] {
  const value = (known: Set<number>): number => target.trees.reduce((s, t) => s + conditionalExpectation(t, x, known), target.baseValue);
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
  const phi = new Array<number>(nFeatures).fill(0);
  for (let i = 0; i < nFeatures; i++) {
    for (let mask = 0; mask < 1 << nFeatures; mask++) {
      if (mask & (1 << i)) continue;
      const s = new Set<number>();
      for (let j = 0; j < nFeatures; j++) if (mask & (1 << j)) s.add(j);
      const weight = (factorial(s.size) * factorial(nFeatures - s.size - 1)) / factorial(nFeatures);
      const withI = new Set(s);
      withI.add(i);
      phi[i] = (phi[i] ?? 0) + weight * (value(withI) - value(s));
    }
  }
  return phi;
}

describe('treeShap', () => {
  const nFeatures = 5;
  const target: EnsembleTarget = { name: 'y', baseValue: 1.5, trees: [1, 2, 3, 4].map((s) => randomTree(s, 4, nFeatures)) };

  it('equals brute-force Shapley values of the path-dependent value function', () => {
    const rng = createRandom(99);
    for (let trial = 0; trial < 10; trial++) {
      // Some inputs missing (NaN): they follow each node's learnt missing-value direction.
      const x = Array.from({ length: nFeatures }, () => (rng.uniform() < 0.2 ? Number.NaN : rng.uniform()));
      const phi = treeShap(target, x, nFeatures);
      const exact = bruteForceShapley(target, x, nFeatures);
      for (let i = 0; i < nFeatures; i++) expect(phi[i]).toBeCloseTo(exact[i] ?? NaN, 9);
    }
  });

  it('is additive: expected value + contributions = prediction', () => {
    const rng = createRandom(5);
    for (let trial = 0; trial < 50; trial++) {
      const x = Array.from({ length: nFeatures }, () => rng.uniform());
      const phi = treeShap(target, x, nFeatures);
      expect(expectedValue(target) + phi.reduce((s, v) => s + v, 0)).toBeCloseTo(predictTarget(target, x), 9);
    }
  });

  it('explains several rows at once exactly as one by one, also when rows share all or some split features', () => {
    const rng = createRandom(7);
    // Rows like one patient × candidate classes: equal except in one feature, which some trees ignore.
    const wide: EnsembleTarget = { name: 'y', baseValue: 0, trees: [11, 12, 13].map((s) => randomTree(s, 4, nFeatures)) };
    const ignoresFeature4: RegressionTree = randomTree(14, 3, 4);
    wide.trees.push(ignoresFeature4);
    const base = Array.from({ length: nFeatures }, () => rng.uniform());
    const rows = [0.1, 0.9, 0.1, Number.NaN].flatMap((v) => base.map((b, f) => (f === 4 ? v : b)));
    const offsets = [0, 1, 2, 3].map((r) => r * nFeatures);
    const together = treeShapRows(wide, rows, nFeatures, offsets);
    offsets.forEach((offset, r) => {
      const alone = treeShap(wide, rows, nFeatures, offset);
      const exact = bruteForceShapley(wide, rows.slice(offset, offset + nFeatures), nFeatures);
      for (let i = 0; i < nFeatures; i++) {
        expect(together[r]?.[i]).toBeCloseTo(alone[i] ?? NaN, 12);
        expect(together[r]?.[i]).toBeCloseTo(exact[i] ?? NaN, 9);
      }
    });
  });
  it('in slices gives the same values and lets the event loop run between slices', async () => {
    const many: EnsembleTarget = { name: 'y', baseValue: 0, trees: Array.from({ length: 64 }, (_, i) => randomTree(100 + i, 4, nFeatures)) };
    const rng = createRandom(8);
    const rows = Array.from({ length: 3 * nFeatures }, () => rng.uniform());
    const offsets = [0, nFeatures, 2 * nFeatures];
    let turns = 0;
    const tick = (): void => {
      turns += 1;
      if (turns < 1000) setImmediate(tick);
    };
    setImmediate(tick);
    // A slice of 0 ms yields at every check (every 16 trees): 64 trees give the loop 4 turns.
    const sliced = await treeShapRowsSliced(many, rows, nFeatures, offsets, 0);
    expect(turns).toBeGreaterThanOrEqual(3);
    turns = 1000;
    const whole = treeShapRows(many, rows, nFeatures, offsets);
    sliced.forEach((phi, r) => phi.forEach((v, i) => expect(v).toBe(whole[r]?.[i])));
  });
});
