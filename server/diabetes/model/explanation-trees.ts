import type { EnsembleTarget, RegressionTree } from '@/server/diabetes/model/tree-ensemble';

/**
 * The mean-prediction trees with their covers, stored as JSON next to model.onnx because TreeSHAP
 * needs the covers, which ONNX does not carry. Short keys keep the committed file small.
 */
export interface ExplanationTreesFile {
  featureNames: string[];
  baseValue: number;
  /** m: 1 where a missing value goes left. */
  trees: { f: number[]; t: number[]; l: number[]; r: number[]; v: number[]; c: number[]; m: number[] }[];
}

export function toExplanationTreesFile(target: EnsembleTarget, featureNames: string[]): ExplanationTreesFile {
  return {
    featureNames,
    baseValue: target.baseValue,
    trees: target.trees.map((t) => ({ f: t.feature, t: t.threshold, l: t.left, r: t.right, v: t.value, c: t.cover, m: t.missingLeft })),
  };
}

export function fromExplanationTreesFile(file: ExplanationTreesFile): EnsembleTarget {
  const trees: RegressionTree[] = file.trees.map((t) => ({ feature: t.f, threshold: t.t, left: t.l, right: t.r, value: t.v, cover: t.c, missingLeft: t.m }));
  return { name: 'hba1cChange', baseValue: file.baseValue, trees };
}
