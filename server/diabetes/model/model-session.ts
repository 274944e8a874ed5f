import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { TherapyModelUnavailableError } from '@/server/diabetes/model/errors';
import type { ExplanationTreesFile } from '@/server/diabetes/model/explanation-trees';
import { fromExplanationTreesFile } from '@/server/diabetes/model/explanation-trees';
import type { FeatureSchemaFile } from '@/server/diabetes/model/feature-schema-file';
import { MODEL_INPUT_NAMES, N_MODEL_INPUTS } from '@/server/diabetes/model/feature-vector';
import { OUTPUT_COLUMNS } from '@/server/diabetes/model/model-outputs';
import type { ModelArtefact } from '@/server/diabetes/model/model-integrity';
import { verifyModelArtefact } from '@/server/diabetes/model/model-integrity';
import { MODEL_DIR, modelFile } from '@/server/diabetes/model/model-files';
import type { EnsembleTarget } from '@/server/diabetes/model/tree-ensemble';
import { expectedValue, precomputeTreeShap } from '@/server/diabetes/model/tree-shap';

/**
 * One onnxruntime session per process and model folder, opened once (at start-up, see
 * warmUpTherapyModel) after the file has been checked against its card, and run once on a dummy row so
 * the first patient does not pay for onnxruntime's lazy initialisation. Kept on globalThis because
 * Next.js may evaluate this module once per bundle (instrumentation, route handlers) in one process.
 * One intra-op thread: requests do not fight over the machine's cores.
 */
export interface LoadedTherapyModel {
  session: ort.InferenceSession;
  artefact: ModelArtefact;
  dir: string;
  explanation: { target: EnsembleTarget; baseline: number };
  /** Training twins per received class: the n of each class's hypoglycaemia risk interval. */
  hypoglycaemiaEvidence: Record<DrugClassId, number>;
}

export type TherapyModelStatus =
  | { state: 'ready'; artefact: ModelArtefact }
  | { state: 'refused'; code: TherapyModelUnavailableError['code']; message: string }
  | { state: 'loading' | 'not-loaded' };

interface Slot {
  promise: Promise<LoadedTherapyModel>;
  status: TherapyModelStatus;
}

const REGISTRY = Symbol.for('d4h.diabetes.therapyModelSessions');
const registry = ((globalThis as { [REGISTRY]?: Map<string, Slot> })[REGISTRY] ??= new Map<string, Slot>());

function unreadable(name: string) {
  return (err: unknown): never => {
    throw new TherapyModelUnavailableError(`Model file ${name} cannot be read (${err instanceof Error ? err.message : String(err)}); run \`npm run model:train\``);
  };
}

async function open(dir: string): Promise<LoadedTherapyModel> {
  const schema = JSON.parse(await readFile(modelFile('featureSchema', dir), 'utf8').catch(unreadable('feature-schema.json'))) as FeatureSchemaFile;
  if (JSON.stringify(schema.input?.columns) !== JSON.stringify(MODEL_INPUT_NAMES) || JSON.stringify(schema.output?.columns) !== JSON.stringify(OUTPUT_COLUMNS)) {
    throw new TherapyModelUnavailableError('models/diabetes-therapy was trained with a different feature schema; run `npm run model:train`');
  }
  const [onnx, metricsJson, cardMarkdown, treesJson] = await Promise.all([
    readFile(modelFile('onnx', dir)).catch(unreadable('model.onnx')),
    readFile(modelFile('metrics', dir), 'utf8').catch(unreadable('metrics.json')),
    readFile(modelFile('card', dir), 'utf8').catch(unreadable('model-card.md')),
    readFile(modelFile('trees', dir), 'utf8').catch(unreadable('explanation-trees.json')),
  ]);
  const artefact = verifyModelArtefact({ onnx, metricsJson, cardMarkdown });
  const session = await openOnnxSession(onnx);
  const target = fromExplanationTreesFile(JSON.parse(treesJson) as ExplanationTreesFile);
  // The TreeSHAP path tables cost ~0.1 s to build: at start-up, not on the first patient.
  precomputeTreeShap(target);
  return { session, artefact, dir, explanation: { target, baseline: expectedValue(target) }, hypoglycaemiaEvidence: schema.hypoglycaemiaEvidence };
}

/**
 * An onnxruntime session on model bytes, run once; no integrity check. Only for training, which scores
 * the model it has just exported before it writes the card that names its hash.
 */
export async function openOnnxSession(onnx: Uint8Array): Promise<ort.InferenceSession> {
  try {
    const session = await ort.InferenceSession.create(onnx, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' });
    await runSession(session, new Float64Array(N_MODEL_INPUTS));
    return session;
  } catch (err) {
    throw new TherapyModelUnavailableError(`onnxruntime cannot run model.onnx (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** Raw model outputs for rows laid out as MODEL_INPUT_NAMES, row-major, one row per (patient, class). */
export async function runSession(session: ort.InferenceSession, rows: Float64Array): Promise<Float32Array> {
  if (rows.length % N_MODEL_INPUTS !== 0) throw new RangeError(`rows must hold a multiple of ${N_MODEL_INPUTS} values`);
  const result = await session.run({ features: new ort.Tensor('float64', rows, [rows.length / N_MODEL_INPUTS, N_MODEL_INPUTS]) });
  const predictions = result.predictions;
  if (!predictions) throw new TherapyModelUnavailableError('model.onnx has no "predictions" output');
  return predictions.data as Float32Array;
}

/** The loaded model, opening it on first use; a refusal is kept (and rethrown) until the process restarts. */
export function loadTherapyModel(dir: string = MODEL_DIR): Promise<LoadedTherapyModel> {
  let slot = registry.get(dir);
  if (!slot) {
    const promise = open(dir);
    const created: Slot = { promise, status: { state: 'loading' } };
    slot = created;
    registry.set(dir, created);
    promise.then(
      (m) => {
        created.status = { state: 'ready', artefact: m.artefact };
      },
      (err: unknown) => {
        if (err instanceof TherapyModelUnavailableError) created.status = { state: 'refused', code: err.code, message: err.message };
        else registry.delete(dir);
      },
    );
  }
  return slot.promise;
}

/** What a page shows about the model: ready with its version and hash, or refused and why. */
export function therapyModelStatus(dir: string = MODEL_DIR): TherapyModelStatus {
  return registry.get(dir)?.status ?? { state: 'not-loaded' };
}

/**
 * Opens and warms the model now (called at start-up); never throws, so a refused model leaves the rest
 * of the app running and the status says why.
 */
export async function warmUpTherapyModel(dir: string = MODEL_DIR): Promise<TherapyModelStatus> {
  await loadTherapyModel(dir).catch(() => undefined);
  return therapyModelStatus(dir);
}
