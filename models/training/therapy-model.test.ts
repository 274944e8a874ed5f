import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTraining } from '@/models/training/run-training';
import type { TrainingMetrics } from '@/models/training/run-training';
import type { TherapyModelConfig } from '@/models/training/therapy-model';
import { DEFAULT_CONFIG, trainTherapyModel } from '@/models/training/therapy-model';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { N_MODEL_INPUTS, writeModelRow } from '@/server/diabetes/model/feature-vector';
import { predictTarget } from '@/server/diabetes/model/tree-ensemble';
import { expectedValue, treeShap } from '@/server/diabetes/model/tree-shap';
import { generateDigitalTwins } from '@/server/synthetic/digital-twins/generate';

/** A smaller, faster configuration for the quick version of the pipeline (same code paths). */
const QUICK: TherapyModelConfig = {
  ...DEFAULT_CONFIG,
  shared: { ...DEFAULT_CONFIG.shared, maxRounds: 300, learningRate: 0.1 },
  perClass: DEFAULT_CONFIG.perClass && { ...DEFAULT_CONFIG.perClass, maxRounds: 60, learningRate: 0.06 },
  quantile: { ...DEFAULT_CONFIG.quantile, maxRounds: 100 },
  secondary: { ...DEFAULT_CONFIG.secondary, maxRounds: 80 },
};

describe('quick training pipeline (small synthetic cohort, end to end through ONNX)', () => {
  let dir: string;
  let metrics: TrainingMetrics;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'therapy-model-'));
    metrics = await runTraining({ count: 8000, seed: 11, outDir: dir, config: QUICK, bootstrapResamples: 200, measure: false });
  }, 120_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exports an ONNX model that matches the in-process trees on ≥ 1,000 rows within 1e-4', () => {
    expect(metrics.onnx.parityRows).toBeGreaterThanOrEqual(1000);
    expect(metrics.onnx.parityMaxAbsDiff).toBeLessThanOrEqual(1e-4);
  });

  it('learns individual effects from confounded observed data only', () => {
    // Against the expected individual effect; noise-free truth, so a model that learned nothing
    // class-specific would show RMSE near the spread of class effects (≈ 5 mmol/mol).
    expect(metrics.accuracy.allClasses.rmseVsExpected).toBeLessThan(4);
    expect(metrics.decision.meanRegretMmolMol.estimate).toBeLessThan(1.5);
    expect(metrics.decision.modelMinus.observed.ci95[1]).toBeLessThan(0);
    expect(metrics.accuracy.receivedClass.calibrationVsTrue.slope).toBeGreaterThan(0.7);
    expect(metrics.accuracy.receivedClass.calibrationVsTrue.slope).toBeLessThan(1.3);
  });

  it('learns weight change and hypoglycaemia risk from observed outcomes', () => {
    // A model that ignored the class would miss the 5-kg spread between GLP-1 RA and TZD and the
    // sulfonylurea/insulin risk; these bounds fail for it.
    expect(metrics.secondaryOutputs.weight.rmseVsTrueKg).toBeLessThan(1);
    expect(metrics.secondaryOutputs.hypoglycaemia.rmseVsTrueRisk).toBeLessThan(0.06);
    expect(metrics.secondaryOutputs.hypoglycaemia.brierScoreObserved).toBeLessThan(metrics.secondaryOutputs.hypoglycaemia.brierScoreOfEventRate);
  });

  it('reports what each ranking priority does to achieved HbA1c, weight and hypoglycaemia', () => {
    const p = metrics.rankingPriorities;
    // Trade-offs stated in the default priority move first choices away from the sulfonylurea.
    expect(p.glycaemic.firstClassShare.sulfonylurea ?? 1).toBeLessThan(p.hba1cAlone.firstClassShare.sulfonylurea ?? 0);
    expect(p.weightLoss.meanWeightChangeKg).toBeLessThan(p.hba1cAlone.meanWeightChangeKg);
    expect(p.avoidHypoglycaemia.meanHypoglycaemiaRisk12m).toBeLessThan(p.hba1cAlone.meanHypoglycaemiaRisk12m);
  });

  it('trains and scores with optional inputs missing at the stated rates', () => {
    expect(metrics.missingInputs.missingShareByFeature.uacrMgMmol).toBeGreaterThan(0.3);
    expect(metrics.missingInputs.missingShareByFeature.uacrMgMmol).toBeLessThan(0.5);
    expect(metrics.missingInputs.missingShareByFeature.ageYears).toBeUndefined();
    const m = metrics.missingInputs.patientsWithMissingInputs;
    expect(m.scoredWithMissingInputs.rmseVsExpectedMmolMol).toBeGreaterThanOrEqual(m.scoredWithCompleteInputs.rmseVsExpectedMmolMol - 0.05);
  });

  it('gives P10–P90 intervals that cover roughly 80 % of true individual changes', () => {
    expect(metrics.accuracy.receivedClass.intervalP10P90.coverageOfTrue).toBeGreaterThan(0.7);
    expect(metrics.accuracy.receivedClass.intervalP10P90.coverageOfTrue).toBeLessThan(0.95);
  });

  it('reports every subgroup and target', () => {
    expect(Object.keys(metrics.subgroups).sort()).toEqual(['ageBand', 'bmiBand', 'egfrBand', 'sex']);
    expect(metrics.benefitCalibration.deciles).toHaveLength(10);
    expect(typeof metrics.targets.meanRegretAtMost1.met).toBe('boolean');
  });
});

describe('trainTherapyModel', () => {
  const twins = generateDigitalTwins({ count: 3000, seed: 3 });
  const train = twins.slice(0, 2000);
  const validation = twins.slice(2000);
  const tiny: TherapyModelConfig = { ...QUICK, shared: { ...QUICK.shared, maxRounds: 60 }, quantile: { ...QUICK.quantile, maxRounds: 20 } };

  it('is deterministic for a seed', () => {
    const a = trainTherapyModel(train, validation, tiny);
    const b = trainTherapyModel(train, validation, tiny);
    expect(a.ensemble).toEqual(b.ensemble);
    const c = trainTherapyModel(train, validation, { ...tiny, seed: tiny.seed + 1 });
    expect(c.ensemble).not.toEqual(a.ensemble);
  });

  it('explains each prediction additively: expected value + TreeSHAP contributions = prediction', () => {
    const { ensemble } = trainTherapyModel(train, validation, tiny);
    const target = ensemble.targets[0];
    if (!target) throw new Error('no mean target');
    const base = expectedValue(target);
    const row = new Float64Array(N_MODEL_INPUTS);
    for (const t of validation.slice(0, 50)) {
      for (const c of DRUG_CLASS_IDS) {
        writeModelRow(row, 0, t.features, c);
        const phi = treeShap(target, row, N_MODEL_INPUTS);
        expect(base + phi.reduce((s, v) => s + v, 0)).toBeCloseTo(predictTarget(target, row), 8);
      }
    }
  });
});
