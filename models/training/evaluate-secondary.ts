import type { Predictions } from '@/models/training/evaluate';
import { linearFit, mean, rmse, round } from '@/models/training/statistics';
import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { wilsonInterval } from '@/server/diabetes/model/model-outputs';
import type { DigitalTwin } from '@/server/synthetic/digital-twins/generate';

/**
 * Weight change and hypoglycaemia risk against the twins' counterfactual truth (expected 12-month
 * weight change and true risk of every class) and against the observed outcome of the received class.
 */
const K = DRUG_CLASS_IDS.length;

/** How many training twins received each class: the evidence behind each class's hypoglycaemia risk. */
export function hypoglycaemiaEvidence(train: readonly DigitalTwin[]): Record<DrugClassId, number> {
  const counts = Object.fromEntries(DRUG_CLASS_IDS.map((c) => [c, 0])) as Record<DrugClassId, number>;
  for (const t of train) counts[t.receivedClass] += 1;
  return counts;
}

export function evaluateSecondaryOutputs(twins: readonly DigitalTwin[], p: Predictions, evidence: Record<DrugClassId, number>) {
  const perClass = DRUG_CLASS_IDS.map((c, j) => {
    const w: number[] = [];
    const wTrue: number[] = [];
    const h: number[] = [];
    const hTrue: number[] = [];
    let covered = 0;
    twins.forEach((t, i) => {
      const r = i * K + j;
      w.push(p.weight[r] ?? NaN);
      wTrue.push(t.counterfactual[c].weightChangeKg);
      const risk = p.hypoglycaemia[r] ?? NaN;
      h.push(risk);
      hTrue.push(t.counterfactual[c].hypoglycaemiaRisk12m);
      const ci = wilsonInterval(risk, evidence[c]);
      if (t.counterfactual[c].hypoglycaemiaRisk12m >= ci.low && t.counterfactual[c].hypoglycaemiaRisk12m <= ci.high) covered++;
    });
    return {
      drugClass: c,
      meanPredictedWeightChangeKg: round(mean(w), 2),
      meanTrueWeightChangeKg: round(mean(wTrue), 2),
      weightRmseKg: round(rmse(w, wTrue), 2),
      meanPredictedHypoglycaemiaRisk: round(mean(h), 4),
      meanTrueHypoglycaemiaRisk: round(mean(hTrue), 4),
      hypoglycaemiaRiskRmse: round(rmse(h, hTrue), 4),
      hypoglycaemiaTrainingPatients: evidence[c],
      wilson80CoverageOfTrueRisk: round(covered / twins.length),
    };
  });

  const all = (pred: Float64Array, truth: (t: DigitalTwin, c: DrugClassId) => number) => {
    const x: number[] = [];
    const y: number[] = [];
    twins.forEach((t, i) => DRUG_CLASS_IDS.forEach((c, j) => {
      x.push(pred[i * K + j] ?? NaN);
      y.push(truth(t, c));
    }));
    return { x, y };
  };
  const weight = all(p.weight, (t, c) => t.counterfactual[c].weightChangeKg);
  const risk = all(p.hypoglycaemia, (t, c) => t.counterfactual[c].hypoglycaemiaRisk12m);

  // The observed outcome of the received class: what a clinic could check.
  let weightCovered = 0;
  let weightWidth = 0;
  let brier = 0;
  let brierBase = 0;
  const eventRate = mean(twins.map((t) => (t.observed.hypoglycaemia ? 1 : 0)));
  twins.forEach((t, i) => {
    const r = i * K + DRUG_CLASS_IDS.indexOf(t.receivedClass);
    const lo = p.weightP10[r] ?? NaN;
    const hi = p.weightP90[r] ?? NaN;
    if (t.observed.weightChangeKg >= lo && t.observed.weightChangeKg <= hi) weightCovered++;
    weightWidth += hi - lo;
    const event = t.observed.hypoglycaemia ? 1 : 0;
    brier += ((p.hypoglycaemia[r] ?? 0) - event) ** 2;
    brierBase += (eventRate - event) ** 2;
  });

  // Calibration of risk by deciles of the predicted risk, against the true risk of every twin × class.
  const order = risk.x.map((v, i) => i).sort((a, b) => (risk.x[a] ?? 0) - (risk.x[b] ?? 0));
  const riskDeciles = Array.from({ length: 10 }, (_, d) => {
    const slice = order.slice(Math.floor((d * order.length) / 10), Math.floor(((d + 1) * order.length) / 10));
    return { decile: d + 1, n: slice.length, meanPredicted: round(mean(slice.map((i) => risk.x[i] ?? 0)), 4), meanTrue: round(mean(slice.map((i) => risk.y[i] ?? 0)), 4) };
  });
  const weightFit = linearFit(weight.x, weight.y);
  const riskFit = linearFit(risk.x, risk.y);
  return {
    weight: {
      unit: 'kg, 12-month change',
      rmseVsTrueKg: round(rmse(weight.x, weight.y), 3),
      calibrationVsTrue: { slope: round(weightFit.slope), intercept: round(weightFit.intercept) },
      intervalP10P90: { coverageOfObservedReceived: round(weightCovered / twins.length), meanWidthKg: round(weightWidth / twins.length, 2) },
    },
    hypoglycaemia: {
      unit: 'probability of at least one symptomatic hypoglycaemia in 12 months',
      rmseVsTrueRisk: round(rmse(risk.x, risk.y), 4),
      calibrationVsTrue: { slope: round(riskFit.slope), intercept: round(riskFit.intercept, 4) },
      brierScoreObserved: round(brier / twins.length, 4),
      brierScoreOfEventRate: round(brierBase / twins.length, 4),
      deciles: riskDeciles,
      interval: '80 % Wilson score interval with n = training twins who received the class',
    },
    perClass,
  };
}
