import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { N_MODEL_INPUTS, writeModelRow } from '@/server/diabetes/model/feature-vector';
import { toTherapyModelInput } from '@/server/diabetes/model/input-schema';
import { loadTherapyModel } from '@/server/diabetes/model/model-session';
import { predictTherapyOptions, runTherapyModel } from '@/server/diabetes/model/therapy-model';
import { treeShapRows } from '@/server/diabetes/model/tree-shap';
import type { DigitalTwin } from '@/server/synthetic/digital-twins/generate';
import { generateDigitalTwins } from '@/server/synthetic/digital-twins/generate';

/**
 * Latency and throughput of the served model through onnxruntime-node (CPU, one intra-op thread):
 * single patient × 7 classes, a batch, and the full explained prediction. Figures only; the bench and
 * the training report print them, nothing asserts on them.
 */
export interface InferenceFigures {
  singlePatient7Classes: { runs: number; p50Ms: number; p99Ms: number; meanMs: number };
  batch: { rows: number; runs: number; predictionsPerSecond: number };
  /** meanCpuMs: process CPU time per prediction, which other work on a loaded machine inflates less than wall time. */
  explainedPrediction: { runs: number; p50Ms: number; p99Ms: number; meanCpuMs: number };
  /** TreeSHAP of the HbA1c target for the 7 class rows alone (path tables precomputed at load). */
  explanationOnly: { runs: number; p50Ms: number; p99Ms: number };
  /**
   * `clients` explained predictions in flight at once, `rounds` times: per-request latency, throughput
   * and how long the event loop was blocked (perf_hooks.monitorEventLoopDelay, 1 ms resolution).
   */
  concurrent: { clients: number; rounds: number; p50Ms: number; p99Ms: number; predictionsPerSecond: number; eventLoopDelayP50Ms: number; eventLoopDelayP99Ms: number; eventLoopDelayMaxMs: number; loadAverage1m: number };
  /** Other work on the machine skews the figures; the 1-minute load average and cores say how much. */
  machine: { cores: number; loadAverage1mAtStart: number };
}

const percentile = (sorted: Float64Array, q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

function rows(twins: readonly DigitalTwin[]): Float64Array {
  const out = new Float64Array(twins.length * DRUG_CLASS_IDS.length * N_MODEL_INPUTS);
  twins.forEach((t, i) => DRUG_CLASS_IDS.forEach((c, j) => writeModelRow(out, i * DRUG_CLASS_IDS.length + j, t.features, c)));
  return out;
}

export async function measureInference(options: { modelDir?: string; singleRuns?: number; batchPatients?: number; log?: (m: string) => void } = {}): Promise<InferenceFigures> {
  const { modelDir, singleRuns = 5000, batchPatients = 10_000, log = () => {} } = options;
  const machine = { cores: os.cpus().length, loadAverage1mAtStart: Math.round((os.loadavg()[0] ?? 0) * 100) / 100 };
  const patients = generateDigitalTwins({ count: Math.max(batchPatients, 200), seed: 4242 });
  const single = patients.slice(0, 200).map((t) => rows([t]));
  for (let i = 0; i < 200; i++) await runTherapyModel(single[i % 200] as Float64Array, { modelDir });

  log(`single patient × 7 classes, ${singleRuns} runs`);
  const times = new Float64Array(singleRuns);
  for (let i = 0; i < singleRuns; i++) {
    const start = process.hrtime.bigint();
    await runTherapyModel(single[i % 200] as Float64Array, { modelDir });
    times[i] = Number(process.hrtime.bigint() - start) / 1e6;
  }
  const meanMs = times.reduce((s, v) => s + v, 0) / singleRuns;
  times.sort();

  const batchRows = rows(patients.slice(0, batchPatients));
  const nRows = batchRows.length / N_MODEL_INPUTS;
  log(`batch of ${nRows} rows`);
  await runTherapyModel(batchRows, { modelDir });
  const batchRuns = 5;
  const start = process.hrtime.bigint();
  for (let i = 0; i < batchRuns; i++) await runTherapyModel(batchRows, { modelDir });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;

  log('explained prediction (validation + ONNX + TreeSHAP for 7 classes)');
  const explainRuns = 200;
  const explained = new Float64Array(explainRuns);
  await predictTherapyOptions(toTherapyModelInput((patients[0] as DigitalTwin).features), { modelDir });
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < explainRuns; i++) {
    const s = process.hrtime.bigint();
    await predictTherapyOptions(toTherapyModelInput((patients[i % patients.length] as DigitalTwin).features), { modelDir });
    explained[i] = Number(process.hrtime.bigint() - s) / 1e6;
  }
  const cpu = process.cpuUsage(cpuBefore);
  explained.sort();

  log('explanation alone (TreeSHAP × 7 class rows)');
  const { explanation } = await loadTherapyModel(modelDir);
  const explainOnly = new Float64Array(explainRuns * 5);
  const offsets = DRUG_CLASS_IDS.map((_, j) => j * N_MODEL_INPUTS);
  for (let i = 0; i < explainOnly.length; i++) {
    const x = single[i % 200] as Float64Array;
    const s = process.hrtime.bigint();
    treeShapRows(explanation.target, x, N_MODEL_INPUTS, offsets);
    explainOnly[i] = Number(process.hrtime.bigint() - s) / 1e6;
  }
  explainOnly.sort();

  const clients = 20;
  const rounds = 25;
  log(`${clients} concurrent explained predictions × ${rounds} rounds, event-loop delay monitored`);
  const inputs = patients.slice(0, 200).map((t) => toTherapyModelInput(t.features));
  const latencies = new Float64Array(clients * rounds);
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const concurrentStart = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) {
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        const s = process.hrtime.bigint();
        await predictTherapyOptions(inputs[(round * clients + c) % inputs.length] as (typeof inputs)[number], { modelDir });
        latencies[round * clients + c] = Number(process.hrtime.bigint() - s) / 1e6;
      }),
    );
  }
  const concurrentSeconds = Number(process.hrtime.bigint() - concurrentStart) / 1e9;
  histogram.disable();
  latencies.sort();
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    singlePatient7Classes: { runs: singleRuns, p50Ms: r(percentile(times, 0.5)), p99Ms: r(percentile(times, 0.99)), meanMs: r(meanMs) },
    batch: { rows: nRows, runs: batchRuns, predictionsPerSecond: Math.round((nRows * batchRuns) / seconds) },
    explainedPrediction: { runs: explainRuns, p50Ms: r(percentile(explained, 0.5)), p99Ms: r(percentile(explained, 0.99)), meanCpuMs: r((cpu.user + cpu.system) / 1000 / explainRuns) },
    explanationOnly: { runs: explainOnly.length, p50Ms: r(percentile(explainOnly, 0.5)), p99Ms: r(percentile(explainOnly, 0.99)) },
    concurrent: {
      clients,
      rounds,
      p50Ms: r(percentile(latencies, 0.5)),
      p99Ms: r(percentile(latencies, 0.99)),
      predictionsPerSecond: Math.round(latencies.length / concurrentSeconds),
      eventLoopDelayP50Ms: r(histogram.percentile(50) / 1e6),
      eventLoopDelayP99Ms: r(histogram.percentile(99) / 1e6),
      eventLoopDelayMaxMs: r(histogram.max / 1e6),
      loadAverage1m: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
    },
    machine,
  };
}
