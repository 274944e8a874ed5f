/**
 * A regression tree ensemble in the form the training pipeline produces, the ONNX exporter writes
 * (ai.onnx.ml TreeEnsembleRegressor) and the explanation reads (TreeSHAP needs the covers). Decision
 * rule is ONNX's BRANCH_LEQ: go left when x[feature] <= threshold; a missing value (NaN) goes left
 * where missingLeft is 1 (ONNX nodes_missing_value_tracks_true), otherwise right.
 */
export interface RegressionTree {
  /** Split feature per node; -1 marks a leaf. */
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  /** Leaf value (0 for internal nodes). */
  value: number[];
  /** Training rows that reached the node (TreeSHAP weights paths by it). */
  cover: number[];
  /** 1 where a missing value goes left (learnt in training), 0 where it goes right. */
  missingLeft: number[];
}

/** The child a value takes at an internal node. */
export function childOf(tree: RegressionTree, node: number, value: number): number {
  const left = Number.isNaN(value) ? tree.missingLeft[node] === 1 : value <= (tree.threshold[node] ?? 0);
  return (left ? tree.left[node] : tree.right[node]) ?? 0;
}

export interface EnsembleTarget {
  name: string;
  baseValue: number;
  trees: RegressionTree[];
}

export interface TreeEnsemble {
  featureNames: string[];
  targets: EnsembleTarget[];
}

export function leafIndex(tree: RegressionTree, x: ArrayLike<number>, offset = 0): number {
  let node = 0;
  for (;;) {
    const f = tree.feature[node] ?? -1;
    if (f < 0) return node;
    node = childOf(tree, node, x[offset + f] ?? 0);
  }
}

export function predictTree(tree: RegressionTree, x: ArrayLike<number>, offset = 0): number {
  return tree.value[leafIndex(tree, x, offset)] ?? 0;
}

/** Prediction of one target for one row of a row-major matrix. */
export function predictTarget(target: EnsembleTarget, x: ArrayLike<number>, offset = 0): number {
  let sum = target.baseValue;
  for (const tree of target.trees) sum += predictTree(tree, x, offset);
  return sum;
}
