import type { Interval } from '@/models/training/statistics';
import { bootstrap, linearFit, mean, rmse, round } from '@/models/training/statistics';
import type { Policy } from '@/models/training/policies';
import { fixedRankingPolicy, guidelinePolicy, modelPolicy, observedPolicy, oraclePolicy } from '@/models/training/policies';
import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import type { DigitalTwin } from '@/server/synthetic/digital-twins/generate';

/**
 * Evaluation on held-out twins against their counterfactual truth, the setting of Dennis et al.
 * (Lancet 2025): accuracy and calibration of predicted HbA1c change, decision quality (best-class
 * agreement, regret against the oracle, achieved HbA1c under competing policies), calibration of the
 * predicted SGLT2i-vs-DPP-4i benefit by deciles, and subgroups. "True" is each twin's own 12-month
 * change on a class (person-level variation included); regret uses the expected change, which differs
 * from it by the same amount for every class, so both give the same regret.
 */
export interface Predictions {
  /** HbA1c change, n × 7 in DRUG_CLASS_IDS order; so are the others. */
  mean: Float64Array;
  p10: Float64Array;
  p90: Float64Array;
  weight: Float64Array;
  weightP10: Float64Array;
  weightP90: Float64Array;
  /** Probability of a symptomatic hypoglycaemia in 12 months, clamped to [0, 1]. */
  hypoglycaemia: Float64Array;
}

export interface EvaluationOptions {
  /** Class ranking of the "best on average for everyone" comparator. */
  averageRanking: readonly DrugClassId[];
  bootstrapResamples: number;
  seed: number;
}

const K = DRUG_CLASS_IDS.length;
const classIndex = (c: DrugClassId): number => DRUG_CLASS_IDS.indexOf(c);

function accuracy(twins: readonly DigitalTwin[], p: Predictions, pick: (t: DigitalTwin) => readonly DrugClassId[]) {
  const pred: number[] = [];
  const truth: number[] = [];
  const expected: number[] = [];
  let inInterval = 0;
  let observedInInterval = 0;
  let width = 0;
  twins.forEach((t, i) => {
    for (const c of pick(t)) {
      const j = i * K + classIndex(c);
      pred.push(p.mean[j] ?? NaN);
      truth.push(t.counterfactual[c].hba1cChangeMmolMol);
      expected.push(t.counterfactual[c].expectedHba1cChangeMmolMol);
      const lo = p.p10[j] ?? NaN;
      const hi = p.p90[j] ?? NaN;
      if (t.counterfactual[c].hba1cChangeMmolMol >= lo && t.counterfactual[c].hba1cChangeMmolMol <= hi) inInterval++;
      // The observed outcome also carries visit-level noise: this is the coverage a clinic would see.
      if (c === t.receivedClass && t.observed.hba1cChangeMmolMol >= lo && t.observed.hba1cChangeMmolMol <= hi) observedInInterval++;
      width += hi - lo;
    }
  });
  const cal = linearFit(pred, truth);
  const calExpected = linearFit(pred, expected);
  return {
    n: pred.length,
    rmseVsTrue: round(rmse(pred, truth)),
    rmseVsExpected: round(rmse(pred, expected)),
    calibrationVsTrue: { slope: round(cal.slope), intercept: round(cal.intercept) },
    calibrationVsExpected: { slope: round(calExpected.slope), intercept: round(calExpected.intercept) },
    intervalP10P90: {
      coverageOfTrue: round(inInterval / pred.length),
      coverageOfObservedReceived: round(observedInInterval / twins.length),
      meanWidth: round(width / pred.length),
    },
  };
}

function achieved(twins: readonly DigitalTwin[], policy: Policy): Float64Array {
  return Float64Array.from(twins, (t, i) => t.counterfactual[policy(t, i)].hba1cChangeMmolMol);
}

const meanOf = (values: Float64Array) => (rows: Int32Array): number => {
  let s = 0;
  for (const r of rows) s += values[r] ?? 0;
  return s / rows.length;
};

const interval = (x: Interval) => ({ estimate: round(x.estimate), ci95: [round(x.ci95[0]), round(x.ci95[1])] });

function decisionQuality(twins: readonly DigitalTwin[], p: Predictions, options: EvaluationOptions) {
  const model = modelPolicy(p.mean);
  const policies: Record<string, Policy> = {
    model,
    oracle: oraclePolicy,
    bestOnAverage: fixedRankingPolicy(options.averageRanking),
    guideline: guidelinePolicy,
    observed: observedPolicy,
  };
  const outcomes = Object.fromEntries(Object.entries(policies).map(([name, pol]) => [name, achieved(twins, pol)]));
  const boot = (values: Float64Array, salt: number) => interval(bootstrap(twins.length, meanOf(values), options.bootstrapResamples, options.seed + salt));
  const modelOutcome = outcomes.model as Float64Array;
  const diff = (other: Float64Array) => Float64Array.from(modelOutcome, (v, i) => v - (other[i] ?? 0));
  const regret = Float64Array.from(twins, (t, i) => t.counterfactual[model(t, i)].expectedHba1cChangeMmolMol - t.counterfactual[oraclePolicy(t)].expectedHba1cChangeMmolMol);
  const agree = twins.filter((t, i) => model(t, i) === oraclePolicy(t)).length / twins.length;
  // Dennis et al., Lancet 2025: observed HbA1c of patients whose prescription matched the model's best class vs not.
  const concordant = twins.map((t, i) => model(t, i) === t.receivedClass);
  const obsConc = twins.filter((_, i) => concordant[i]).map((t) => t.observed.hba1cChangeMmolMol);
  const obsDisc = twins.filter((_, i) => !concordant[i]).map((t) => t.observed.hba1cChangeMmolMol);
  const chosen = Object.fromEntries(DRUG_CLASS_IDS.map((c) => [c, round(twins.filter((t, i) => model(t, i) === c).length / twins.length)]));
  return {
    bestClassAgreement: round(agree),
    meanRegretMmolMol: boot(regret, 1),
    regretOver3MmolMol: round(regret.filter((r) => r > 3).length / twins.length),
    modelChoiceShare: chosen,
    meanAchievedChangeMmolMol: Object.fromEntries(Object.entries(outcomes).map(([name, v], i) => [name, boot(v, 10 + i)])),
    modelMinus: {
      bestOnAverage: boot(diff(outcomes.bestOnAverage as Float64Array), 20),
      guideline: boot(diff(outcomes.guideline as Float64Array), 21),
      observed: boot(diff(outcomes.observed as Float64Array), 22),
    },
    bestOnAverageRanking: options.averageRanking,
    observedConcordance: {
      shareConcordant: round(obsConc.length / twins.length),
      meanObservedChangeConcordant: round(mean(obsConc)),
      meanObservedChangeDiscordant: round(mean(obsDisc)),
      difference: round(mean(obsConc) - mean(obsDisc)),
    },
  };
}

/** Predicted vs true SGLT2i − DPP-4i difference by deciles of the prediction, in twins eligible for both. */
function benefitCalibration(twins: readonly DigitalTwin[], p: Predictions, options: EvaluationOptions) {
  const a: DrugClassId = 'sglt2i';
  const b: DrugClassId = 'dpp4i';
  const rows = twins
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t.eligibleClasses.includes(a) && t.eligibleClasses.includes(b))
    .map(({ t, i }) => ({
      predicted: (p.mean[i * K + classIndex(a)] ?? 0) - (p.mean[i * K + classIndex(b)] ?? 0),
      truth: t.counterfactual[a].expectedHba1cChangeMmolMol - t.counterfactual[b].expectedHba1cChangeMmolMol,
    }))
    .sort((x, y) => x.predicted - y.predicted);
  const deciles = Array.from({ length: 10 }, (_, d) => {
    const slice = rows.slice(Math.floor((d * rows.length) / 10), Math.floor(((d + 1) * rows.length) / 10));
    return { decile: d + 1, n: slice.length, meanPredicted: round(mean(slice.map((r) => r.predicted))), meanTrue: round(mean(slice.map((r) => r.truth))) };
  });
  const decileFit = linearFit(deciles.map((d) => d.meanPredicted), deciles.map((d) => d.meanTrue));
  const predicted = Float64Array.from(rows, (r) => r.predicted);
  const truth = Float64Array.from(rows, (r) => r.truth);
  const slopeOf = (idx: Int32Array): number => linearFit(Array.from(idx, (i) => predicted[i] ?? 0), Array.from(idx, (i) => truth[i] ?? 0)).slope;
  const individual = linearFit(predicted, truth);
  return {
    contrast: 'SGLT2i minus DPP-4i HbA1c change (negative favours SGLT2i)',
    n: rows.length,
    meanPredicted: round(mean(predicted)),
    meanTrue: round(mean(truth)),
    deciles,
    decileSlope: round(decileFit.slope),
    decileIntercept: round(decileFit.intercept),
    individualSlope: interval(bootstrap(rows.length, slopeOf, options.bootstrapResamples, options.seed + 30)),
    individualIntercept: round(individual.intercept),
  };
}

const SUBGROUPS: Record<string, { label: string; test: (t: DigitalTwin) => boolean }[]> = {
  sex: [
    { label: 'female', test: (t) => t.features.sexMale === 0 },
    { label: 'male', test: (t) => t.features.sexMale === 1 },
  ],
  ageBand: [
    { label: '<50', test: (t) => t.features.ageYears < 50 },
    { label: '50-64', test: (t) => t.features.ageYears >= 50 && t.features.ageYears < 65 },
    { label: '65-74', test: (t) => t.features.ageYears >= 65 && t.features.ageYears < 75 },
    { label: '>=75', test: (t) => t.features.ageYears >= 75 },
  ],
  bmiBand: [
    { label: '<25', test: (t) => t.features.bmiKgM2 < 25 },
    { label: '25-30', test: (t) => t.features.bmiKgM2 >= 25 && t.features.bmiKgM2 < 30 },
    { label: '30-35', test: (t) => t.features.bmiKgM2 >= 30 && t.features.bmiKgM2 < 35 },
    { label: '>=35', test: (t) => t.features.bmiKgM2 >= 35 },
  ],
  egfrBand: [
    { label: '<45', test: (t) => t.features.egfrMlMin173m2 < 45 },
    { label: '45-59', test: (t) => t.features.egfrMlMin173m2 >= 45 && t.features.egfrMlMin173m2 < 60 },
    { label: '60-89', test: (t) => t.features.egfrMlMin173m2 >= 60 && t.features.egfrMlMin173m2 < 90 },
    { label: '>=90', test: (t) => t.features.egfrMlMin173m2 >= 90 },
  ],
};

function subgroups(twins: readonly DigitalTwin[], p: Predictions, options: EvaluationOptions) {
  const model = modelPolicy(p.mean);
  const average = fixedRankingPolicy(options.averageRanking);
  return Object.fromEntries(
    Object.entries(SUBGROUPS).map(([name, groups]) => [
      name,
      groups.map(({ label, test }) => {
        const idx = twins.map((t, i) => (test(t) ? i : -1)).filter((i) => i >= 0);
        const pred: number[] = [];
        const truth: number[] = [];
        let regret = 0;
        let gain = 0;
        for (const i of idx) {
          const t = twins[i] as DigitalTwin;
          for (const c of DRUG_CLASS_IDS) {
            pred.push(p.mean[i * K + classIndex(c)] ?? NaN);
            truth.push(t.counterfactual[c].hba1cChangeMmolMol);
          }
          const m = t.counterfactual[model(t, i)].expectedHba1cChangeMmolMol;
          regret += m - t.counterfactual[oraclePolicy(t)].expectedHba1cChangeMmolMol;
          gain += m - t.counterfactual[average(t, i)].expectedHba1cChangeMmolMol;
        }
        const cal = linearFit(pred, truth);
        return {
          subgroup: label,
          n: idx.length,
          rmseAllClasses: round(rmse(pred, truth)),
          calibrationSlope: round(cal.slope),
          meanRegretMmolMol: round(regret / idx.length),
          modelMinusBestOnAverageMmolMol: round(gain / idx.length),
        };
      }),
    ]),
  );
}

export function evaluate(twins: readonly DigitalTwin[], p: Predictions, options: EvaluationOptions) {
  const decision = decisionQuality(twins, p, options);
  const benefit = benefitCalibration(twins, p, options);
  return {
    accuracy: {
      receivedClass: accuracy(twins, p, (t) => [t.receivedClass]),
      allClasses: accuracy(twins, p, () => DRUG_CLASS_IDS),
      eligibleClasses: accuracy(twins, p, (t) => t.eligibleClasses),
      perClass: Object.fromEntries(DRUG_CLASS_IDS.map((c) => [c, accuracy(twins, p, () => [c])])),
    },
    decision,
    benefitCalibration: benefit,
    subgroups: subgroups(twins, p, options),
    targets: {
      meanRegretAtMost1: { target: 'mean regret ≤ 1.0 mmol/mol', value: decision.meanRegretMmolMol.estimate, met: decision.meanRegretMmolMol.estimate <= 1 },
      beatsBestOnAverage: {
        target: 'model policy lowers HbA1c more than best-on-average, 95% bootstrap CI excludes 0',
        value: decision.modelMinus.bestOnAverage,
        met: (decision.modelMinus.bestOnAverage.ci95[1] ?? 0) < 0,
      },
      benefitCalibrationSlope: { target: 'SGLT2i vs DPP-4i benefit calibration slope (by deciles) in 0.8–1.2', value: benefit.decileSlope, met: benefit.decileSlope >= 0.8 && benefit.decileSlope <= 1.2 },
    },
  };
}

export type Evaluation = ReturnType<typeof evaluate>;
