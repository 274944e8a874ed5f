import { describe, expect, it } from 'vitest';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { PATIENT_FEATURES, PATIENT_FEATURE_NAMES } from '@/server/diabetes/model/patient-features';
import type { DigitalTwin } from '@/server/synthetic/digital-twins/generate';
import { generateDigitalTwinBatches, generateDigitalTwins } from '@/server/synthetic/digital-twins/generate';

const twins = generateDigitalTwins({ count: 20_000, seed: 7 });
const effect = (t: DigitalTwin, c: DrugClassId): number => t.counterfactual[c].expectedHba1cChangeMmolMol;
const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
const contrast = (group: DigitalTwin[], a: DrugClassId, b: DrugClassId): number => mean(group.map((t) => effect(t, a) - effect(t, b)));

describe('generateDigitalTwins', () => {
  it('is deterministic for a seed and independent of batching', () => {
    const again = generateDigitalTwins({ count: 500, seed: 7 });
    expect(again).toEqual(twins.slice(0, 500));
    const batched = [...generateDigitalTwinBatches({ count: 500, seed: 7 }, 123)].flat();
    expect(batched).toEqual(again);
    expect(generateDigitalTwins({ count: 50, seed: 8 })).not.toEqual(twins.slice(0, 50));
  });

  it('keeps every feature inside the schema range and returns plain JSON', () => {
    for (const t of twins.slice(0, 2000)) {
      for (const name of PATIENT_FEATURE_NAMES) {
        const v = t.features[name];
        expect(v).toBeGreaterThanOrEqual(PATIENT_FEATURES[name].min);
        expect(v).toBeLessThanOrEqual(PATIENT_FEATURES[name].max);
      }
      expect(t.eligibleClasses).toContain(t.receivedClass);
      expect(Object.keys(t.counterfactual).sort()).toEqual([...DRUG_CLASS_IDS].sort());
    }
    expect(JSON.parse(JSON.stringify(twins[0]))).toEqual(twins[0]);
  });

  it('reproduces TriMaster: BMI > 30 favours pioglitazone over sitagliptin by about 2.9 mmol/mol', () => {
    const obese = contrast(twins.filter((t) => t.features.bmiKgM2 > 30), 'tzd', 'dpp4i');
    const lean = contrast(twins.filter((t) => t.features.bmiKgM2 <= 30), 'tzd', 'dpp4i');
    expect(obese).toBeGreaterThan(-3.9);
    expect(obese).toBeLessThan(-1.9);
    expect(lean).toBeGreaterThan(obese + 2);
  });

  it('reproduces TriMaster: eGFR 60–90 vs > 90 shifts SGLT2i vs DPP-4i by about 2.8 mmol/mol towards DPP-4i', () => {
    const mid = contrast(twins.filter((t) => t.features.egfrMlMin173m2 >= 60 && t.features.egfrMlMin173m2 <= 90), 'sglt2i', 'dpp4i');
    const high = contrast(twins.filter((t) => t.features.egfrMlMin173m2 > 90), 'sglt2i', 'dpp4i');
    expect(mid - high).toBeGreaterThan(1.8);
    expect(mid - high).toBeLessThan(3.8);
  });

  it('reproduces Dennis 2022: SGLT2i lowers HbA1c about 3.7 mmol/mol more than DPP-4i on average', () => {
    const diff = contrast(twins, 'sglt2i', 'dpp4i');
    expect(diff).toBeGreaterThan(-4.7);
    expect(diff).toBeLessThan(-2.7);
  });

  it('reproduces Dennis 2018: men respond better to sulfonylureas, obese women better to TZD', () => {
    const men = twins.filter((t) => t.features.sexMale === 1);
    const women = twins.filter((t) => t.features.sexMale === 0);
    expect(mean(men.map((t) => effect(t, 'sulfonylurea')))).toBeLessThan(mean(women.map((t) => effect(t, 'sulfonylurea'))));
    const obeseWomen = women.filter((t) => t.features.bmiKgM2 > 30);
    const obeseMen = men.filter((t) => t.features.bmiKgM2 > 30);
    expect(contrast(obeseWomen, 'tzd', 'sulfonylurea')).toBeLessThan(contrast(obeseMen, 'tzd', 'sulfonylurea') - 2);
  });

  it('gives a larger fall from a higher baseline HbA1c for every class', () => {
    const high = twins.filter((t) => t.features.hba1cMmolMol >= 86);
    const low = twins.filter((t) => t.features.hba1cMmolMol <= 60);
    for (const c of DRUG_CLASS_IDS) expect(mean(high.map((t) => effect(t, c)))).toBeLessThan(mean(low.map((t) => effect(t, c))) - 5);
  });

  it('keeps realistic unexplained noise (SD 8–11 mmol/mol) in the observed outcome', () => {
    const residual = twins.map((t) => t.observed.hba1cChangeMmolMol - effect(t, t.receivedClass));
    const sd = Math.sqrt(mean(residual.map((r) => r * r)));
    expect(sd).toBeGreaterThan(8);
    expect(sd).toBeLessThan(11);
  });

  it('prescribes with confounding by indication', () => {
    const share = (group: DigitalTwin[], c: DrugClassId): number => group.filter((t) => t.receivedClass === c).length / group.length;
    const hf = twins.filter((t) => t.features.heartFailure === 1 && t.eligibleClasses.includes('sglt2i'));
    const noHf = twins.filter((t) => t.features.heartFailure === 0 && t.eligibleClasses.includes('sglt2i'));
    expect(share(hf, 'sglt2i')).toBeGreaterThan(share(noHf, 'sglt2i') + 0.1);
    expect(share(twins.filter((t) => t.features.bmiKgM2 > 38), 'glp1ra')).toBeGreaterThan(share(twins.filter((t) => t.features.bmiKgM2 < 28), 'glp1ra') + 0.05);
    expect(share(twins.filter((t) => t.features.heartFailure === 1), 'tzd')).toBe(0);
  });

  it('rejects bad options', () => {
    expect(() => generateDigitalTwins({ count: -1, seed: 1 })).toThrow(RangeError);
    expect(() => generateDigitalTwins({ count: 1, seed: 1.5 })).toThrow(RangeError);
  });
});
