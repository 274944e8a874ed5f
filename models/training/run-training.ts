import { mkdir, writeFile } from 'node:fs/promises';
import { evaluate } from '@/models/training/evaluate';
import { evaluateMissingInputs } from '@/models/training/evaluate-missing-inputs';
import { evaluatePriorities } from '@/models/training/evaluate-priorities';
import { evaluateSecondaryOutputs, hypoglycaemiaEvidence } from '@/models/training/evaluate-secondary';
import { MISSING_INPUT_RATES, missingInputsOf, withMissingOptionalInputs } from '@/models/training/missingness';
import { scoreTwins } from '@/models/training/score-twins';
import { measureInference } from '@/models/training/measure-inference';
import type { InferenceFigures } from '@/models/training/measure-inference';
import { exportTreeEnsembleToOnnx } from '@/models/training/onnx-export';
import { rankClassesByAverage } from '@/models/training/policies';
import { predictClasses } from '@/models/training/predict-classes';
import { splitByPatient } from '@/models/training/split';
import type { TherapyModelConfig } from '@/models/training/therapy-model';
import { DEFAULT_CONFIG, THERAPY_MODEL_VERSION, trainTherapyModel } from '@/models/training/therapy-model';
import { writeModelCard } from '@/models/training/model-card';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { toExplanationTreesFile } from '@/server/diabetes/model/explanation-trees';
import { buildFeatureSchemaFile } from '@/server/diabetes/model/feature-schema-file';
import { MODEL_INPUT_NAMES } from '@/server/diabetes/model/feature-vector';
import { N_OUTPUTS } from '@/server/diabetes/model/model-outputs';
import type { PatientFeatureValues } from '@/server/diabetes/model/patient-features';
import { modelFile } from '@/server/diabetes/model/model-files';
import { sha256Hex } from '@/server/diabetes/model/model-integrity';
import { openOnnxSession } from '@/server/diabetes/model/model-session';
import type { DigitalTwin } from '@/server/synthetic/digital-twins/generate';
import { DIGITAL_TWIN_GENERATOR_VERSION, RESPONSE_NOISE_SD, generateDigitalTwinBatches } from '@/server/synthetic/digital-twins/generate';

/**
 * The whole pipeline: generate the cohort, split by patient, train on observed outcomes, export ONNX,
 * score the held-out twins through onnxruntime (the artefact that ships, not the in-process copy),
 * check parity, evaluate against counterfactual truth, measure inference and write the model card.
 */
export interface TrainingRunOptions {
  count: number;
  seed: number;
  outDir: string;
  config?: TherapyModelConfig;
  bootstrapResamples?: number;
  measure?: boolean;
  log?: (message: string) => void;
}

export async function runTraining(options: TrainingRunOptions) {
  const { count, seed, outDir, config = DEFAULT_CONFIG, bootstrapResamples = 1000, measure = true, log = () => {} } = options;
  const started = performance.now();
  const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  log(`generating ${count} digital twins (seed ${seed})`);
  const twins: DigitalTwin[] = [];
  for (const batch of generateDigitalTwinBatches({ count, seed }, 10_000)) {
    twins.push(...batch);
    log(`  ${twins.length}/${count} twins (${elapsed()})`);
  }
  const split = splitByPatient(count, { train: 0.6, validation: 0.2 }, seed);
  const pick = (idx: Int32Array): DigitalTwin[] => Array.from(idx, (i) => twins[i] as DigitalTwin);
  const train = pick(split.train);
  const validation = pick(split.validation);
  const test = pick(split.test);
  log(`split by patient: ${train.length} train / ${validation.length} validation / ${test.length} test`);

  const trainStart = performance.now();
  const { ensemble, summary } = trainTherapyModel(train, validation, { ...config, seed: config.seed + seed }, log);
  const trainSeconds = (performance.now() - trainStart) / 1000;
  log(`trained in ${trainSeconds.toFixed(1)} s (${elapsed()})`);

  await mkdir(outDir, { recursive: true });
  const onnx = exportTreeEnsembleToOnnx(ensemble, {
    training_data: 'synthetic digital twins (not real patients)',
    intended_use: 'research and demonstration; NOT FOR CLINICAL USE',
    model_version: THERAPY_MODEL_VERSION,
    generator_version: DIGITAL_TWIN_GENERATOR_VERSION,
    seed: String(seed),
    inputs: MODEL_INPUT_NAMES.join(','),
  });
  await writeFile(modelFile('onnx', outDir), onnx);
  await writeFile(modelFile('featureSchema', outDir), `${JSON.stringify(buildFeatureSchemaFile({ hypoglycaemiaEvidence: hypoglycaemiaEvidence(train) }), null, 2)}\n`);
  const meanTarget = ensemble.targets[0];
  if (!meanTarget) throw new Error('ensemble has no mean target');
  await writeFile(modelFile('trees', outDir), JSON.stringify(toExplanationTreesFile(meanTarget, MODEL_INPUT_NAMES)));
  log(`wrote model.onnx (${(onnx.length / 1024).toFixed(0)} KiB), feature-schema.json, explanation-trees.json (${elapsed()})`);

  log('scoring the test twins through onnxruntime, with optional inputs missing as in a clinic and complete');
  const session = await openOnnxSession(onnx);
  const clinic = (t: DigitalTwin): PatientFeatureValues => withMissingOptionalInputs(t.features, t.id);
  const complete = (t: DigitalTwin): PatientFeatureValues => t.features;
  const { predictions, out, n } = await scoreTwins(session, test, clinic);
  const { predictions: completePredictions } = await scoreTwins(session, test, complete);
  // Parity on the rows with missing values too: the ONNX missing-value tracks must route NaN as training did.
  const inProcess = predictClasses(ensemble, test, clinic);
  let parityMaxAbsDiff = 0;
  inProcess.forEach((target, ti) => {
    for (let r = 0; r < n; r++) parityMaxAbsDiff = Math.max(parityMaxAbsDiff, Math.abs((out[r * N_OUTPUTS + ti] ?? NaN) - (target[r] ?? NaN)));
  });
  log(`ONNX vs in-process parity on ${n} rows × ${N_OUTPUTS} outputs: max abs diff ${parityMaxAbsDiff.toExponential(2)}`);

  log(`evaluating against counterfactual truth (${bootstrapResamples} bootstrap resamples)`);
  const evaluation = evaluate(test, predictions, { averageRanking: rankClassesByAverage(train), bootstrapResamples, seed });
  const secondary = evaluateSecondaryOutputs(test, predictions, hypoglycaemiaEvidence(train));
  const priorities = evaluatePriorities(test, predictions, clinic);
  log(`  first class by HbA1c alone: sulfonylurea ${priorities.hba1cAlone.firstClassShare.sulfonylurea}, basal insulin ${priorities.hba1cAlone.firstClassShare.basalInsulin}; default priority: ${JSON.stringify(priorities.glycaemic.firstClassShare)}`);
  const missingInputs = evaluateMissingInputs(test, predictions, completePredictions, (t) => missingInputsOf(clinic(t)));
  log(`  weight RMSE ${secondary.weight.rmseVsTrueKg} kg; hypoglycaemia Brier ${secondary.hypoglycaemia.brierScoreObserved}; rows with missing inputs ${missingInputs.shareOfPatientsWithMissingInputs}`);
  log(`  mean regret ${evaluation.decision.meanRegretMmolMol.estimate} mmol/mol, best-class agreement ${evaluation.decision.bestClassAgreement}`);
  log(`  model − best-on-average ${JSON.stringify(evaluation.decision.modelMinus.bestOnAverage)} mmol/mol`);
  log(`  benefit calibration slope (deciles) ${evaluation.benefitCalibration.decileSlope}`);

  const metrics = {
    model: 'diabetes-therapy',
    // The server refuses to serve a model.onnx whose hash is not this one (server/diabetes/model/model-integrity.ts).
    artefact: { version: THERAPY_MODEL_VERSION, sha256: sha256Hex(onnx), file: 'model.onnx' },
    syntheticTrainingData: true,
    notForClinicalUse: true,
    generatedBy: 'npm run model:train',
    cohort: {
      generatorVersion: DIGITAL_TWIN_GENERATOR_VERSION,
      seed,
      twins: count,
      responseNoiseSdMmolMol: RESPONSE_NOISE_SD,
      split: { train: train.length, validation: validation.length, test: test.length, unit: 'patient' },
      receivedClassShare: Object.fromEntries(DRUG_CLASS_IDS.map((c) => [c, Number((train.filter((t) => t.receivedClass === c).length / train.length).toFixed(3))])),
    },
    training: { seconds: Number(trainSeconds.toFixed(1)), config, summary },
    onnx: { bytes: onnx.length, parityRows: n, parityOutputs: N_OUTPUTS, parityMaxAbsDiff },
    ...evaluation,
    secondaryOutputs: secondary,
    rankingPriorities: priorities,
    missingInputs,
    missingInputRates: MISSING_INPUT_RATES,
    inference: null as InferenceFigures | null,
    inferenceTargets: null as { singlePatientP99AtMost1Ms: { value: number; met: boolean }; batchAtLeast50kPerSecond: { value: number; met: boolean } } | null,
  };
  const writeMetricsAndCard = async (): Promise<void> => {
    await writeFile(modelFile('metrics', outDir), `${JSON.stringify(metrics, null, 2)}\n`);
    await writeFile(modelFile('card', outDir), writeModelCard(metrics));
  };
  // Written before measuring: the served path checks model.onnx against the card, so it needs the card.
  await writeMetricsAndCard();
  log(`wrote metrics.json and model-card.md (${elapsed()})`);
  if (measure) {
    log('measuring inference (onnxruntime-node, CPU, 1 thread)');
    const inference = await measureInference({ modelDir: outDir, log: (m) => log(`  ${m}`) });
    log(`  single × 7: p50 ${inference.singlePatient7Classes.p50Ms} ms, p99 ${inference.singlePatient7Classes.p99Ms} ms; batch ${inference.batch.predictionsPerSecond} predictions/s`);
    metrics.inference = inference;
    metrics.inferenceTargets = {
      singlePatientP99AtMost1Ms: { value: inference.singlePatient7Classes.p99Ms, met: inference.singlePatient7Classes.p99Ms <= 1 },
      batchAtLeast50kPerSecond: { value: inference.batch.predictionsPerSecond, met: inference.batch.predictionsPerSecond >= 50_000 },
    };
    await writeMetricsAndCard();
  }
  return metrics;
}

export type TrainingMetrics = Awaited<ReturnType<typeof runTraining>>;
