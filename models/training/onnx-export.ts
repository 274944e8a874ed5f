import { ATTRIBUTE_TYPE, ModelProto, TENSOR_DATA_TYPE } from '@/models/training/onnx-schema';
import type { TreeEnsemble } from '@/server/diabetes/model/tree-ensemble';

/**
 * Writes a tree ensemble as one ai.onnx.ml TreeEnsembleRegressor (opset 3) with one target per
 * ensemble target. Input and thresholds are double (nodes_values_as_tensor, target_weights_as_tensor),
 * so onnxruntime compares and sums in double exactly as the in-process model does; missing inputs
 * (NaN) follow each node's learnt direction (nodes_missing_value_tracks_true).
 */
export const ONNX_INPUT_NAME = 'features';
export const ONNX_OUTPUT_NAME = 'predictions';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export function exportTreeEnsembleToOnnx(ensemble: TreeEnsemble, metadata: Record<string, string>): Uint8Array {
  const nodesTreeIds: number[] = [];
  const nodesNodeIds: number[] = [];
  const nodesFeatureIds: number[] = [];
  const nodesModes: Uint8Array[] = [];
  const nodesValues: number[] = [];
  const nodesTrue: number[] = [];
  const nodesFalse: number[] = [];
  const nodesMissingTrue: number[] = [];
  const targetTreeIds: number[] = [];
  const targetNodeIds: number[] = [];
  const targetIds: number[] = [];
  const targetWeights: number[] = [];
  const leafMode = utf8('LEAF');
  const branchMode = utf8('BRANCH_LEQ');
  let treeId = 0;
  ensemble.targets.forEach((target, targetIndex) => {
    for (const tree of target.trees) {
      for (let node = 0; node < tree.feature.length; node++) {
        const f = tree.feature[node] ?? -1;
        nodesTreeIds.push(treeId);
        nodesNodeIds.push(node);
        if (f < 0) {
          nodesFeatureIds.push(0);
          nodesModes.push(leafMode);
          nodesValues.push(0);
          nodesTrue.push(0);
          nodesFalse.push(0);
          nodesMissingTrue.push(0);
          targetTreeIds.push(treeId);
          targetNodeIds.push(node);
          targetIds.push(targetIndex);
          targetWeights.push(tree.value[node] ?? 0);
        } else {
          nodesFeatureIds.push(f);
          nodesModes.push(branchMode);
          nodesValues.push(tree.threshold[node] ?? 0);
          nodesTrue.push(tree.left[node] ?? 0);
          nodesFalse.push(tree.right[node] ?? 0);
          nodesMissingTrue.push(tree.missingLeft[node] === 1 ? 1 : 0);
        }
      }
      treeId++;
    }
  });
  const ints = (name: string, values: number[]) => ({ name, type: ATTRIBUTE_TYPE.ints, ints: values });
  const doubles = (name: string, values: number[]) => ({
    name,
    type: ATTRIBUTE_TYPE.tensor,
    t: { dims: [values.length], dataType: TENSOR_DATA_TYPE.double, doubleData: values },
  });
  const nTargets = ensemble.targets.length;
  const node = {
    input: [ONNX_INPUT_NAME],
    output: [ONNX_OUTPUT_NAME],
    name: 'therapy_tree_ensemble',
    opType: 'TreeEnsembleRegressor',
    domain: 'ai.onnx.ml',
    attribute: [
      { name: 'aggregate_function', type: ATTRIBUTE_TYPE.string, s: utf8('SUM') },
      { name: 'post_transform', type: ATTRIBUTE_TYPE.string, s: utf8('NONE') },
      { name: 'n_targets', type: ATTRIBUTE_TYPE.int, i: nTargets },
      doubles('base_values_as_tensor', ensemble.targets.map((t) => t.baseValue)),
      ints('nodes_treeids', nodesTreeIds),
      ints('nodes_nodeids', nodesNodeIds),
      ints('nodes_featureids', nodesFeatureIds),
      { name: 'nodes_modes', type: ATTRIBUTE_TYPE.strings, strings: nodesModes },
      doubles('nodes_values_as_tensor', nodesValues),
      ints('nodes_truenodeids', nodesTrue),
      ints('nodes_falsenodeids', nodesFalse),
      // A NaN input follows the true (BRANCH_LEQ, left) branch where 1: the trees' learnt missing-value direction.
      ints('nodes_missing_value_tracks_true', nodesMissingTrue),
      ints('target_treeids', targetTreeIds),
      ints('target_nodeids', targetNodeIds),
      ints('target_ids', targetIds),
      doubles('target_weights_as_tensor', targetWeights),
    ],
  };
  const tensorType = (elemType: number, dims: ({ dimParam: string } | { dimValue: number })[]) => ({
    tensorType: { elemType, shape: { dim: dims } },
  });
  const model = {
    irVersion: 8,
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 3 },
    ],
    producerName: 'd4h-clinic models/training',
    producerVersion: '1.0.0',
    domain: 'lu.d4h.clinic',
    modelVersion: 1,
    docString: 'Diabetes add-on therapy model trained on SYNTHETIC digital twins. NOT FOR CLINICAL USE.',
    graph: {
      name: 'diabetes_therapy',
      node: [node],
      input: [{ name: ONNX_INPUT_NAME, type: tensorType(TENSOR_DATA_TYPE.double, [{ dimParam: 'N' }, { dimValue: ensemble.featureNames.length }]) }],
      output: [{ name: ONNX_OUTPUT_NAME, type: tensorType(TENSOR_DATA_TYPE.float, [{ dimParam: 'N' }, { dimValue: nTargets }]) }],
    },
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  };
  const err = ModelProto.verify(model);
  if (err) throw new Error(`ONNX model does not fit the schema: ${err}`);
  return ModelProto.encode(ModelProto.create(model)).finish();
}
