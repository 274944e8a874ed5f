import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { TherapyModelInputError, TherapyModelMissingInputError } from '@/server/diabetes/model/errors';
import type { ExplanationTreesFile } from '@/server/diabetes/model/explanation-trees';
import { fromExplanationTreesFile } from '@/server/diabetes/model/explanation-trees';
import { N_MODEL_INPUTS, writeModelRow } from '@/server/diabetes/model/feature-vector';
import type { TTherapyModelInput } from '@/server/diabetes/model/input-schema';
import { toTherapyModelInput } from '@/server/diabetes/model/input-schema';
import { modelFile } from '@/server/diabetes/model/model-files';
import { N_OUTPUTS } from '@/server/diabetes/model/model-outputs';
import { predictTherapyBatch, predictTherapyOptions, runTherapyModel } from '@/server/diabetes/model/therapy-model';
import { predictTarget } from '@/server/diabetes/model/tree-ensemble';
import { generateDigitalTwins } from '@/server/synthetic/digital-twins/generate';

/** These tests run the committed artefacts in models/diabetes-therapy through onnxruntime-node. */
const patient = {
  ageYears: 58,
  sex: 'female',
  diabetesDurationYears: 6,
  hba1cMmolMol: 72,
  bmiKgM2: 34.5,
  egfrMlMin173m2: 82,
  altUL: 31,
  hdlMmolL: 1.1,
  triglyceridesMmolL: 2.1,
  totalCholesterolMmolL: 4.6,
  systolicBpMmHg: 138,
  uacrMgMmol: 1.2,
  ascvd: false,
  heartFailure: true,
  currentTherapy: ['metformin'],
} satisfies TTherapyModelInput;

async function rejection(input: unknown): Promise<TherapyModelInputError> {
  try {
    // Deliberately untyped: these are the values a caller outside TypeScript could send.
    await predictTherapyOptions(input as TTherapyModelInput, { explain: false });
  } catch (err) {
    if (err instanceof TherapyModelInputError) return err;
    throw err;
  }
  throw new Error('input was accepted');
}

describe('predictTherapyOptions', () => {
  it('scores all seven classes with intervals, guardrail flags and additive explanations', async () => {
    const result = await predictTherapyOptions(patient);
    expect(result.model.notForClinicalUse).toBe(true);
    expect(result.options.map((o) => o.drugClass)).toEqual([...DRUG_CLASS_IDS]);
    const byClass = Object.fromEntries(result.options.map((o) => [o.drugClass, o]));
    expect(byClass.metformin?.eligible).toBe(false);
    expect(byClass.tzd?.ineligibilityReasons.map((r) => r.code)).toContain('tzd-heart-failure');
    expect(byClass.basalInsulin?.eligible).toBe(false);
    for (const o of result.options) {
      expect(o.intervalMmolMol.p10).toBeLessThan(o.intervalMmolMol.p90);
      expect(o.predictedHba1cMmolMol).toBeCloseTo(patient.hba1cMmolMol + o.predictedHba1cChangeMmolMol, 6);
      const e = o.explanation;
      if (!e) throw new Error('no explanation');
      const total = e.baselineMmolMol + e.candidateClassContribution + e.contributions.reduce((s, c) => s + c.contribution, 0);
      expect(Math.abs(total - o.predictedHba1cChangeMmolMol)).toBeLessThanOrEqual(1e-4);
      expect(e.contributions).toHaveLength(19);
    }
  });

  it('refuses out-of-range, missing, unknown and out-of-scope inputs with reasons', async () => {
    const high = await rejection({ ...patient, hba1cMmolMol: 160 });
    expect(high.issues[0]?.path).toBe('hba1cMmolMol');
    expect(high.issues[0]?.message).toMatch(/48–130 mmol\/mol/);
    expect((await rejection({ ...patient, egfrMlMin173m2: 8 })).issues[0]?.message).toMatch(/eGFR/);
    expect((await rejection({ ...patient, smoker: true })).issues.length).toBeGreaterThan(0);
    expect((await rejection({ ...patient, currentTherapy: ['metformin', 'basalInsulin'] })).issues[0]?.message).toMatch(/out of scope/);
    expect((await rejection({ ...patient, ageYears: Number.NaN })).issues[0]?.path).toBe('ageYears');
    expect((await rejection({ ...patient, diabetesDurationYears: 40, ageYears: 35 })).issues[0]?.path).toBe('diabetesDurationYears');
  });

  it('predicts weight change and hypoglycaemia risk for every class, with intervals', async () => {
    const { options } = await predictTherapyOptions(patient, { explain: false });
    for (const o of options) {
      expect(o.weightChangeKg.p10).toBeLessThan(o.weightChangeKg.p90);
      expect(o.weightChangeKg.predicted).toBeGreaterThan(o.weightChangeKg.p10);
      expect(o.weightChangeKg.predicted).toBeLessThan(o.weightChangeKg.p90);
      const h = o.hypoglycaemiaRisk12m;
      expect(h.predicted).toBeGreaterThanOrEqual(0);
      expect(h.low).toBeLessThanOrEqual(h.predicted);
      expect(h.high).toBeGreaterThanOrEqual(h.predicted);
      expect(h.high).toBeLessThanOrEqual(1);
    }
    const by = Object.fromEntries(options.map((o) => [o.drugClass, o]));
    // Class profiles the twins carry (ADA 2025): GLP-1 RA and SGLT2i lose weight, TZD and insulin gain;
    // sulfonylureas and insulin carry the hypoglycaemia risk.
    expect(by.glp1ra?.weightChangeKg.predicted).toBeLessThan(-1);
    expect(by.tzd?.weightChangeKg.predicted).toBeGreaterThan(1);
    expect(by.sulfonylurea?.hypoglycaemiaRisk12m.predicted).toBeGreaterThan((by.dpp4i?.hypoglycaemiaRisk12m.predicted ?? 1) + 0.03);
  });

  it('answers without optional inputs, names them, and explains them as missing', async () => {
    const { altUL: _alt, uacrMgMmol: _uacr, ...partial } = patient;
    const result = await predictTherapyOptions({ ...partial, hdlMmolL: null });
    expect(result.missingInputs.map((m) => m.feature).sort()).toEqual(['altUL', 'hdlMmolL', 'uacrMgMmol']);
    expect((await predictTherapyOptions(patient, { explain: false })).missingInputs).toEqual([]);
    for (const o of result.options) {
      expect(Number.isFinite(o.predictedHba1cChangeMmolMol)).toBe(true);
      const alt = o.explanation?.contributions.find((c) => c.feature === 'altUL');
      expect(alt?.value).toBeNull();
      const e = o.explanation;
      if (!e) throw new Error('no explanation');
      const total = e.baselineMmolMol + e.candidateClassContribution + e.contributions.reduce((s, c) => s + c.contribution, 0);
      expect(Math.abs(total - o.predictedHba1cChangeMmolMol)).toBeLessThanOrEqual(1e-4);
    }
  });

  it('never imputes a required input: refuses, naming what is needed', async () => {
    const { egfrMlMin173m2: _egfr, ...withoutEgfr } = patient;
    const error = await predictTherapyOptions(withoutEgfr as TTherapyModelInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TherapyModelMissingInputError);
    expect((error as Error).message).toBe('needs an eGFR from the last 12 months');
    const { bmiKgM2: _bmi, ...withoutBmi } = patient;
    const both = await predictTherapyOptions({ ...withoutBmi, hba1cMmolMol: null } as unknown as TTherapyModelInput).catch((e: unknown) => e);
    expect((both as TherapyModelMissingInputError).missing.map((m) => m.input)).toEqual(['hba1cMmolMol', 'bmiKgM2']);
    expect((both as Error).message).toBe('needs an HbA1c from the last 6 months and a BMI (or weight and height) from the last 12 months');
  });

  it('gives the same numbers in batch as one by one', async () => {
    const twins = generateDigitalTwins({ count: 20, seed: 77 });
    const batch = await predictTherapyBatch(twins.map((t) => toTherapyModelInput(t.features)));
    for (const [i, t] of twins.slice(0, 3).entries()) {
      const one = await predictTherapyOptions(toTherapyModelInput(t.features), { explain: false });
      one.options.forEach((o, j) => expect(batch.predictions[i]?.[j]?.hba1cChangeMmolMol).toBe(o.predictedHba1cChangeMmolMol));
    }
    await expect(predictTherapyBatch([patient, { ...patient, bmiKgM2: 5 }] as TTherapyModelInput[])).rejects.toThrow(/\[1\]\.bmiKgM2/);
  });
});

describe('committed model.onnx vs explanation-trees.json', () => {
  it('agree on ≥ 1,000 rows within 1e-4 mmol/mol', async () => {
    const file = JSON.parse(await readFile(modelFile('trees'), 'utf8')) as ExplanationTreesFile;
    const target = fromExplanationTreesFile(file);
    const twins = generateDigitalTwins({ count: 200, seed: 5 });
    const rows = new Float64Array(twins.length * DRUG_CLASS_IDS.length * N_MODEL_INPUTS);
    twins.forEach((t, i) => DRUG_CLASS_IDS.forEach((c, j) => writeModelRow(rows, i * DRUG_CLASS_IDS.length + j, t.features, c)));
    const out = await runTherapyModel(rows);
    const n = rows.length / N_MODEL_INPUTS;
    expect(n).toBeGreaterThanOrEqual(1000);
    let max = 0;
    for (let r = 0; r < n; r++) max = Math.max(max, Math.abs((out[r * N_OUTPUTS] ?? NaN) - predictTarget(target, rows, r * N_MODEL_INPUTS)));
    expect(max).toBeLessThanOrEqual(1e-4);
  });
});
