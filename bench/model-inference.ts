import { pathToFileURL } from 'node:url';
import { measureInference } from '@/models/training/measure-inference';

/**
 * Diabetes therapy model inference through onnxruntime-node (CPU, one intra-op thread), on the
 * committed models/diabetes-therapy/model.onnx: single patient × 7 classes p50/p99, batch predictions
 * per second, and the full explained prediction. Prints figures; never passes or fails on time.
 * Issue 4 targets for comparison: p99 ≤ 1 ms, batch ≥ 50,000 predictions/s.
 */
export default async function run(): Promise<void> {
  const f = await measureInference({ log: (m) => console.log(`model-inference: ${m}`) });
  console.log(`model-inference: single patient × 7 classes (${f.singlePatient7Classes.runs} runs): p50 ${f.singlePatient7Classes.p50Ms} ms, p99 ${f.singlePatient7Classes.p99Ms} ms, mean ${f.singlePatient7Classes.meanMs} ms`);
  console.log(`model-inference: batch of ${f.batch.rows} rows × ${f.batch.runs} runs: ${f.batch.predictionsPerSecond} predictions/s`);
  console.log(`model-inference: machine ${f.machine.cores} cores, 1-min load average at start ${f.machine.loadAverage1mAtStart}`);
  console.log(`model-inference: explained prediction (validation + ONNX + TreeSHAP × 7, ${f.explainedPrediction.runs} runs): p50 ${f.explainedPrediction.p50Ms} ms, p99 ${f.explainedPrediction.p99Ms} ms`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
