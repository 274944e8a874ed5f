import { pathToFileURL } from 'node:url';
import { measureInference } from '@/models/training/measure-inference';

/**
 * Diabetes therapy model inference through onnxruntime-node (CPU, one intra-op thread), on the
 * committed models/diabetes-therapy/model.onnx: single patient × 7 classes p50/p99, batch predictions
 * per second, the full explained prediction, the explanation alone, and explained predictions from
 * 20 concurrent callers with the event-loop delay they cause. Prints figures; never passes or fails on
 * time. Targets for comparison: p99 ≤ 1 ms, batch ≥ 50,000 predictions/s (issue 4); explained
 * prediction p99 ≤ 5 ms (issue 9).
 */
export default async function run(): Promise<void> {
  const f = await measureInference({ log: (m) => console.log(`model-inference: ${m}`) });
  console.log(`model-inference: single patient × 7 classes (${f.singlePatient7Classes.runs} runs): p50 ${f.singlePatient7Classes.p50Ms} ms, p99 ${f.singlePatient7Classes.p99Ms} ms, mean ${f.singlePatient7Classes.meanMs} ms`);
  console.log(`model-inference: batch of ${f.batch.rows} rows × ${f.batch.runs} runs: ${f.batch.predictionsPerSecond} predictions/s`);
  console.log(`model-inference: machine ${f.machine.cores} cores, 1-min load average at start ${f.machine.loadAverage1mAtStart}`);
  console.log(`model-inference: explained prediction (validation + ONNX + TreeSHAP × 7, ${f.explainedPrediction.runs} runs): p50 ${f.explainedPrediction.p50Ms} ms, p99 ${f.explainedPrediction.p99Ms} ms, mean CPU ${f.explainedPrediction.meanCpuMs} ms (target p99 ≤ 5 ms)`);
  console.log(`model-inference: TreeSHAP × 7 alone (${f.explanationOnly.runs} runs): p50 ${f.explanationOnly.p50Ms} ms, p99 ${f.explanationOnly.p99Ms} ms`);
  const c = f.concurrent;
  console.log(`model-inference: ${c.clients} concurrent explained predictions × ${c.rounds} rounds: p50 ${c.p50Ms} ms, p99 ${c.p99Ms} ms, ${c.predictionsPerSecond} explained predictions/s; event-loop delay p50 ${c.eventLoopDelayP50Ms} ms, p99 ${c.eventLoopDelayP99Ms} ms, max ${c.eventLoopDelayMaxMs} ms (load ${c.loadAverage1m})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
