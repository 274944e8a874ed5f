import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { recursiveTreeShap } from './_tree-shap-recursive';
import { measureInference } from '@/models/training/measure-inference';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { fromExplanationTreesFile } from '@/server/diabetes/model/explanation-trees';
import type { ExplanationTreesFile } from '@/server/diabetes/model/explanation-trees';
import { N_MODEL_INPUTS, writeModelRow } from '@/server/diabetes/model/feature-vector';
import { modelFile } from '@/server/diabetes/model/model-files';
import { precomputeTreeShap, treeShapRows, treeShapRowsSliced } from '@/server/diabetes/model/tree-shap';
import { generateDigitalTwins } from '@/server/synthetic/digital-twins/generate';

/** The served explanation trees (path tables built) and the 7 class rows of `count` twins. */
function explanationInputs(count: number, seed: number) {
  const target = fromExplanationTreesFile(JSON.parse(readFileSync(modelFile('trees'), 'utf8')) as ExplanationTreesFile);
  precomputeTreeShap(target);
  const rows = generateDigitalTwins({ count, seed }).map((t) => {
    const r = new Float64Array(DRUG_CLASS_IDS.length * N_MODEL_INPUTS);
    DRUG_CLASS_IDS.forEach((c, j) => writeModelRow(r, j, t.features, c));
    return r;
  });
  return { target, rows, offsets: DRUG_CLASS_IDS.map((_, j) => j * N_MODEL_INPUTS) };
}

/** CPU ms per 7-class explanation of the served TreeSHAP and of the previous recursive one, alternating. */
function explanationCpuRatio(): { served: number; recursive: number } {
  const { target, rows, offsets } = explanationInputs(100, 9);
  const cpu = { served: 0, recursive: 0 };
  for (let rep = 0; rep < 4; rep++) {
    for (const name of ['served', 'recursive'] as const) {
      const start = process.cpuUsage();
      for (const r of rows) {
        if (name === 'served') treeShapRows(target, r, N_MODEL_INPUTS, offsets);
        else for (const o of offsets) recursiveTreeShap(target, r, N_MODEL_INPUTS, o);
      }
      const used = process.cpuUsage(start);
      cpu[name] += (used.user + used.system) / 1000 / rows.length / 4;
    }
  }
  return cpu;
}

/**
 * 20 concurrent explanations (TreeSHAP × 7) with a 1 ms timer running beside them, whole (one
 * synchronous call each, as before) and in ~1 ms slices (as served), alternating in the same run: the
 * event-loop delay the timer sees, and the latency of each explanation.
 */
async function slicedVersusWhole(): Promise<Record<'whole' | 'sliced', { p50: number; p99: number; eldP99: number; eldMax: number }>> {
  const { target, rows, offsets } = explanationInputs(20, 11);
  const lat = { whole: [] as number[], sliced: [] as number[] };
  const eld = { whole: monitorEventLoopDelay({ resolution: 1 }), sliced: monitorEventLoopDelay({ resolution: 1 }) };
  for (let round = 0; round < 30; round++) {
    for (const name of ['whole', 'sliced'] as const) {
      eld[name].enable();
      // All 20 arrive at once; latency counts from arrival, so waiting behind the others counts too.
      const t = performance.now();
      await Promise.all(
        rows.map(async (r) => {
          // Each caller runs from its own macrotask, as concurrent requests do.
          await new Promise((res) => setImmediate(res));
          if (name === 'whole') treeShapRows(target, r, N_MODEL_INPUTS, offsets);
          else await treeShapRowsSliced(target, r, N_MODEL_INPUTS, offsets);
          lat[name].push(performance.now() - t);
        }),
      );
      eld[name].disable();
    }
  }
  const pct = (a: number[], q: number) => [...a].sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(q * a.length))] ?? NaN;
  const fig = (name: 'whole' | 'sliced') => ({ p50: pct(lat[name], 0.5), p99: pct(lat[name], 0.99), eldP99: eld[name].percentile(99) / 1e6, eldMax: eld[name].max / 1e6 });
  return { whole: fig('whole'), sliced: fig('sliced') };
}

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
  const ratio = explanationCpuRatio();
  console.log(`model-inference: TreeSHAP × 7 CPU time, same run: path tables ${ratio.served.toFixed(3)} ms vs recursive baseline ${ratio.recursive.toFixed(3)} ms (${(ratio.recursive / ratio.served).toFixed(1)}× less)`);
  const sv = await slicedVersusWhole();
  for (const name of ['whole', 'sliced'] as const) {
    console.log(`model-inference: 20 concurrent explanations, ${name}${name === 'sliced' ? ' (~1 ms slices, as served)' : ' (one synchronous call each)'}: latency p50 ${sv[name].p50.toFixed(2)} ms, p99 ${sv[name].p99.toFixed(2)} ms; event-loop delay p99 ${sv[name].eldP99.toFixed(1)} ms, max ${sv[name].eldMax.toFixed(1)} ms`);
  }
  const c = f.concurrent;
  console.log(`model-inference: ${c.clients} concurrent explained predictions × ${c.rounds} rounds: p50 ${c.p50Ms} ms, p99 ${c.p99Ms} ms, ${c.predictionsPerSecond} explained predictions/s; event-loop delay p50 ${c.eventLoopDelayP50Ms} ms, p99 ${c.eventLoopDelayP99Ms} ms, max ${c.eventLoopDelayMaxMs} ms (load ${c.loadAverage1m})`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run();
}
