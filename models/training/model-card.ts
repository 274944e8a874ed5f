import type { Evaluation } from '@/models/training/evaluate';
import type { evaluateMissingInputs } from '@/models/training/evaluate-missing-inputs';
import type { evaluatePriorities } from '@/models/training/evaluate-priorities';
import type { evaluateSecondaryOutputs } from '@/models/training/evaluate-secondary';
import type { InferenceFigures } from '@/models/training/measure-inference';
import { DRUG_CLASSES, DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import type { ModelArtefact } from '@/server/diabetes/model/model-integrity';
import { cardIdentityLine } from '@/server/diabetes/model/model-integrity';
import { PATIENT_FEATURES, PATIENT_FEATURE_NAMES } from '@/server/diabetes/model/patient-features';

/**
 * Writes model-card.md from the measured metrics, in the sections of Model Cards (Mitchell et al.,
 * FAT* 2019) and the TRIPOD+AI reporting items (Collins et al., BMJ 2024). Every figure comes from
 * metrics.json of the same run.
 */
interface CardInput extends Evaluation {
  artefact: ModelArtefact;
  secondaryOutputs: ReturnType<typeof evaluateSecondaryOutputs>;
  rankingPriorities: ReturnType<typeof evaluatePriorities>;
  missingInputs: ReturnType<typeof evaluateMissingInputs>;
  missingInputRates: readonly { features: readonly string[]; rate: number }[];
  cohort: { seed: number; twins: number; generatorVersion: string; responseNoiseSdMmolMol: { person: number; visit: number }; split: { train: number; validation: number; test: number }; receivedClassShare: Record<string, number> };
  training: { seconds: number; summary: Record<string, number> };
  onnx: { bytes: number; parityRows: number; parityMaxAbsDiff: number };
  inference: InferenceFigures | null;
}

const ci = (x: { estimate: number; ci95: number[] }): string => `${x.estimate} (95% CI ${x.ci95[0]} to ${x.ci95[1]})`;
const yes = (met: boolean): string => (met ? '**met**' : '**not met**');

export function writeModelCard(m: CardInput): string {
  const d = m.decision;
  const acc = m.accuracy;
  const b = m.benefitCalibration;
  const policies = d.meanAchievedChangeMmolMol as Record<string, { estimate: number; ci95: number[] }>;
  const lines: string[] = [];
  const push = (...s: string[]) => lines.push(...s);

  push(
    '# Model card: diabetes add-on therapy model (D4H Clinic)',
    '',
    '> **Trained on synthetic data. Not for clinical use.** Every patient the model has seen is a generated',
    '> "digital twin"; no real person\'s data was used. The model demonstrates how a therapy-selection model',
    '> is built, served, explained and evaluated in the dataspace. Its figures describe how well it recovers',
    '> the rules of the generator, not how it would perform on real patients.',
    '',
    '## Model details',
    '',
    '- Task: for an adult with type 2 diabetes, predict for each of seven drug classes added to the current therapy the 12-month change in HbA1c (mmol/mol, IFCC; LOINC 59261-8) and in body weight (kg), each with a 10th–90th percentile interval, and the probability of at least one symptomatic hypoglycaemia within 12 months.',
    `- Classes: ${DRUG_CLASS_IDS.map((c) => `${DRUG_CLASSES[c].label} (ATC ${DRUG_CLASSES[c].atc})`).join('; ')}.`,
    '- Method: gradient-boosted regression trees written in TypeScript (`models/training/`): a shared model of HbA1c change given features and candidate class (S-learner), per-class residual boosting on the patients who received each class (T-learner correction), and two quantile-loss models (10th, 90th percentile); weight change by squared and quantile loss; hypoglycaemia risk by squared loss on the observed 0/1 event (a Brier-score fit), clamped to [0, 1], with an 80 % Wilson interval whose n is the number of training twins who received the class. Early stopping on observed validation outcomes only.',
    `- Size: ${m.training.summary.sharedTrees} shared trees + per-class trees for HbA1c, ${m.training.summary.hba1cChangeP10Trees} / ${m.training.summary.hba1cChangeP90Trees} HbA1c quantile trees, ${m.training.summary.weightChangeTrees} + ${m.training.summary.weightChangeP10Trees} + ${m.training.summary.weightChangeP90Trees} weight trees, ${m.training.summary.hypoglycaemiaRiskTrees} hypoglycaemia trees; one ONNX ai.onnx.ml TreeEnsembleRegressor with seven targets and missing-value tracks (${(m.onnx.bytes / 1024).toFixed(0)} KiB), served by onnxruntime-node.`,
    '- Explanation: exact path-dependent TreeSHAP (Lundberg et al. 2018) per class; contributions plus the cohort baseline sum to the prediction.',
    '- Produced by `npm run model:train`; owner: D4H Clinic engineering.',
    cardIdentityLine(m.artefact),
    '- The server computes the SHA-256 of `model.onnx` when it loads the model and refuses to serve if it differs from the one above or from `metrics.json` (`artefact`); every prediction carries this version and hash.',
    '',
    '## Intended use',
    '',
    '- Users: endocrinologists and diabetologists in the D4H Clinic demo, as decision support that offers ranked options with their basis (FDA CDS guidance 2022, criteria 3–4); the clinician decides and can override (EU AI Act Art. 14).',
    '- Use: showing how patient features relate to expected glycaemic response per class, in a demonstration dataspace with synthetic patients.',
    '',
    '## Out-of-scope use',
    '',
    '- Any clinical decision about a real patient. The model has never seen real data and has not been validated on it.',
    '- Type 1 diabetes, pregnancy, children, people already on insulin or a thiazolidinedione, eGFR < 15, or any value outside the input ranges below (the server refuses them).',
    '- Cardiovascular and renal protection are not predicted: they come from the guardrails (trial evidence, ADA Standards of Care 2025), not from the model.',
    '',
    '## Inputs',
    '',
    '| feature | unit | code | valid range |',
    '|---|---|---|---|',
    ...PATIENT_FEATURE_NAMES.map((n) => {
      const f = PATIENT_FEATURES[n];
      return `| ${f.label} (\`${n}\`) | ${f.unit} | ${f.code} | ${f.min}–${f.max} |`;
    }),
    '| candidate class | one-hot | ATC | one of the seven classes |',
    '',
    'HbA1c is in mmol/mol; % (NGSP, LOINC 4548-4) = mmol/mol / 10.929 + 2.15. The feature schema the server validates against is `feature-schema.json`.',
    '',
    '### Missing inputs',
    '',
    '- Required, never imputed: age, sex, diabetes duration, HbA1c (≤ 6 months old), BMI and eGFR (≤ 12 months old). Without one the server gives no prediction and names what is needed ("needs an eGFR from the last 12 months").',
    `- Optional, may be missing: ALT, lipids, systolic blood pressure, UACR. Training, validation and test rows have them missing completely at random at these rates: ${m.missingInputRates.map((g) => `${g.features.join(' + ')} ${(g.rate * 100).toFixed(0)} %`).join('; ')} (National Diabetes Audit 2018–19 care-process completion for blood pressure, cholesterol and urine albumin; Shin et al., Hypertension 2021 for albuminuria testing; ALT assumed). The trees learn where a missing value goes (XGBoost-style sparsity-aware splits, exported as ONNX \`nodes_missing_value_tracks_true\`), and each prediction lists the inputs that were missing.`,
    `- Cost on the ${m.missingInputs.patientsWithMissingInputs.n} test twins with at least one missing input (${(m.missingInputs.shareOfPatientsWithMissingInputs * 100).toFixed(1)} %): RMSE vs the expected HbA1c change ${m.missingInputs.patientsWithMissingInputs.scoredWithMissingInputs.rmseVsExpectedMmolMol} mmol/mol with the inputs missing vs ${m.missingInputs.patientsWithMissingInputs.scoredWithCompleteInputs.rmseVsExpectedMmolMol} with them complete; mean HbA1c P10–P90 width ${m.missingInputs.patientsWithMissingInputs.scoredWithMissingInputs.meanHba1cIntervalWidthMmolMol} vs ${m.missingInputs.patientsWithMissingInputs.scoredWithCompleteInputs.meanHba1cIntervalWidthMmolMol} mmol/mol. In the generator the optional inputs carry little of the response (ALT and HDL only, for DPP-4i and TZD), so the loss and the widening are small; with real data they may not be.`,
    '- Missingness here is completely at random; in real records it is not (sicker or less engaged people are tested differently), which this evaluation cannot show.',
    '',
    '## Training data',
    '',
    `- **Synthetic.** ${m.cohort.twins.toLocaleString('en')} digital twins from \`server/synthetic/digital-twins\` (generator ${m.cohort.generatorVersion}, seed ${m.cohort.seed}), the same generator that fills the research institute's digital-twin dataset.`,
    '- Each twin has a true 12-month HbA1c response for all seven classes whose heterogeneity follows the literature: TriMaster (Shields et al., Nat Med 2023), Dennis et al. (Lancet Digit Health 2022; Diabetes Care 2018; Lancet 2025), higher baseline HbA1c → larger fall for every class (ADA 2025).',
    `- Unexplained individual variation: person-level SD ${m.cohort.responseNoiseSdMmolMol.person} and visit-level SD ${m.cohort.responseNoiseSdMmolMol.visit} mmol/mol (total ≈ ${Math.hypot(m.cohort.responseNoiseSdMmolMol.person, m.cohort.responseNoiseSdMmolMol.visit).toFixed(1)}).`,
    '- Only the outcome of the class actually prescribed is observed; prescribing is confounded by indication (heart failure and CKD → SGLT2i, obesity and ASCVD → GLP-1 RA, older age → DPP-4i, HbA1c > 86 → insulin). The counterfactual truth is used only for evaluation, never for training or model selection.',
    `- Received-class share in training: ${Object.entries(m.cohort.receivedClassShare).map(([c, s]) => `${c} ${(s * 100).toFixed(1)} %`).join(', ')}.`,
    `- Split by patient: ${m.cohort.split.train} train, ${m.cohort.split.validation} validation (early stopping), ${m.cohort.split.test} test.`,
    '- What that implies: the model can only be as right as the generator\'s assumptions. Missing data is only what training adds at random; there is no measurement drift, no unmeasured confounding and no ethnic or site variation unless the generator puts it there; real-world performance would be lower.',
    '',
    '## Performance on held-out synthetic twins (against counterfactual truth)',
    '',
    '### Accuracy and calibration of predicted HbA1c change',
    '',
    '| rows | n | RMSE vs true change | RMSE vs expected change | calibration slope | intercept | P10–P90 coverage of true change | mean interval width |',
    '|---|---|---|---|---|---|---|---|',
    ...(['receivedClass', 'allClasses', 'eligibleClasses'] as const).map((k) => {
      const a = acc[k];
      return `| ${k} | ${a.n} | ${a.rmseVsTrue} | ${a.rmseVsExpected} | ${a.calibrationVsTrue.slope} | ${a.calibrationVsTrue.intercept} | ${a.intervalP10P90.coverageOfTrue} | ${a.intervalP10P90.meanWidth} |`;
    }),
    '',
    `Coverage of the observed outcome of the received class (which adds visit-level noise): ${acc.receivedClass.intervalP10P90.coverageOfObservedReceived}.`,
    '',
    '"True change" is the twin\'s own change on the class (person-level variation included, visit noise excluded), so its RMSE cannot fall below the person-level SD; "expected change" is the generator\'s individual treatment effect.',
    '',
    '### Weight change and hypoglycaemia risk',
    '',
    `- Weight (12-month change, kg): RMSE vs the true expected change ${m.secondaryOutputs.weight.rmseVsTrueKg} kg over all classes; calibration slope ${m.secondaryOutputs.weight.calibrationVsTrue.slope}; P10–P90 coverage of the observed change of the received class ${m.secondaryOutputs.weight.intervalP10P90.coverageOfObservedReceived} (mean width ${m.secondaryOutputs.weight.intervalP10P90.meanWidthKg} kg).`,
    `- Hypoglycaemia (probability of ≥ 1 symptomatic event in 12 months): RMSE vs the true risk ${m.secondaryOutputs.hypoglycaemia.rmseVsTrueRisk}; calibration slope ${m.secondaryOutputs.hypoglycaemia.calibrationVsTrue.slope}; Brier score on the observed events of the received class ${m.secondaryOutputs.hypoglycaemia.brierScoreObserved} (${m.secondaryOutputs.hypoglycaemia.brierScoreOfEventRate} for the overall event rate).`,
    '',
    '| class | predicted weight change, kg | true | RMSE | predicted hypoglycaemia risk | true | RMSE | training patients | 80 % interval covers true risk |',
    '|---|---|---|---|---|---|---|---|---|',
    ...m.secondaryOutputs.perClass.map((c) => `| ${c.drugClass} | ${c.meanPredictedWeightChangeKg} | ${c.meanTrueWeightChangeKg} | ${c.weightRmseKg} | ${c.meanPredictedHypoglycaemiaRisk} | ${c.meanTrueHypoglycaemiaRisk} | ${c.hypoglycaemiaRiskRmse} | ${c.hypoglycaemiaTrainingPatients} | ${c.wilson80CoverageOfTrueRisk} |`),
    '',
    'The Wilson interval says how much evidence stands behind a class\'s risk; it is not a prediction interval for one person, and its coverage of the true individual risk is reported as it is.',
    '',
    '### Decision quality',
    '',
    `- Model's best eligible class = truly best class: ${(d.bestClassAgreement * 100).toFixed(1)} % of test patients.`,
    `- Mean regret vs the oracle: ${ci(d.meanRegretMmolMol)} mmol/mol; regret > 3 mmol/mol in ${(d.regretOver3MmolMol * 100).toFixed(1)} %.`,
    '',
    '| policy | mean achieved 12-month HbA1c change, mmol/mol (95% CI) |',
    '|---|---|',
    ...Object.entries(policies).map(([name, v]) => `| ${name} | ${ci(v)} |`),
    '',
    '- All policies, the oracle included, choose only among the classes the guardrails allow for the patient (`server/diabetes/model/eligibility.ts`); regret is the expected HbA1c change of the chosen class minus that of the truly best eligible class.',
    `- Model minus best-on-average (ranking ${d.bestOnAverageRanking.join(' > ')} by mean true change over the training twins, first eligible class; a generous comparator, since it is built from the truth): ${ci(d.modelMinus.bestOnAverage)} mmol/mol.`,
    `- Model minus guideline-only rule (ADA 2025 order): ${ci(d.modelMinus.guideline)} mmol/mol.`,
    `- Model minus observed prescribing: ${ci(d.modelMinus.observed)} mmol/mol.`,
    `- As in Dennis et al. (Lancet 2025): ${(d.observedConcordance.shareConcordant * 100).toFixed(1)} % of observed prescriptions matched the model's best class; their observed change was ${d.observedConcordance.difference} mmol/mol different from the others (raw, unadjusted).`,
    '',
    '### Person-centred ranking',
    '',
    'The server does not rank by predicted HbA1c alone (`server/diabetes/recommendation/`): classes the guardrails recommend for organ protection (heart failure, CKD, ASCVD) come first, then the clinician\'s priority. First-ranked class per test twin under each ranking, and the counterfactual truth of that class:',
    '',
    '| ranking | mean HbA1c change, mmol/mol | mean weight change, kg | mean hypoglycaemia risk | first class: sulfonylurea | basal insulin | SGLT2i | GLP-1 RA | metformin | DPP-4i | TZD |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...(['hba1cAlone', 'glycaemic', 'avoidHypoglycaemia', 'weightLoss', 'cost'] as const).map((k) => {
      const r = m.rankingPriorities[k];
      const sh = (c: string): string => `${((r.firstClassShare[c] ?? 0) * 100).toFixed(1)} %`;
      return `| ${r.label} | ${r.meanHba1cChangeMmolMol} | ${r.meanWeightChangeKg} | ${r.meanHypoglycaemiaRisk12m} | ${sh('sulfonylurea')} | ${sh('basalInsulin')} | ${sh('sglt2i')} | ${sh('glp1ra')} | ${sh('metformin')} | ${sh('dpp4i')} | ${sh('tzd')} |`;
    }),
    '',
    'Organ protection and the trade-offs give up some HbA1c lowering for less weight gain and fewer hypoglycaemias; the table shows how much, in this synthetic world. The exchange rates of each priority are stated with it (`server/diabetes/recommendation/priorities.ts`); they are this app\'s assumptions, not guideline values.',
    '',
    '### Calibration of benefit: SGLT2i vs DPP-4i',
    '',
    `Predicted vs true difference (SGLT2i − DPP-4i; negative favours SGLT2i) by deciles of the prediction in ${b.n} test twins eligible for both. Mean predicted ${b.meanPredicted}, mean true ${b.meanTrue} mmol/mol. Slope over deciles ${b.decileSlope} (intercept ${b.decileIntercept}); individual-level slope ${ci(b.individualSlope)}.`,
    '',
    '| decile | n | mean predicted | mean true |',
    '|---|---|---|---|',
    ...b.deciles.map((x) => `| ${x.decile} | ${x.n} | ${x.meanPredicted} | ${x.meanTrue} |`),
    '',
    '### Subgroups',
    '',
    '| subgroup | n | RMSE (all classes) | calibration slope | mean regret | model − best-on-average |',
    '|---|---|---|---|---|---|',
    ...Object.entries(m.subgroups).flatMap(([name, groups]) =>
      groups.map((g) => `| ${name} ${g.subgroup} | ${g.n} | ${g.rmseAllClasses} | ${g.calibrationSlope} | ${g.meanRegretMmolMol} | ${g.modelMinusBestOnAverageMmolMol} |`),
    ),
    '',
    '### Targets',
    '',
    `- Mean regret ≤ 1.0 mmol/mol: ${m.targets.meanRegretAtMost1.value} — ${yes(m.targets.meanRegretAtMost1.met)}.`,
    `- Model policy beats best-on-average with the 95% CI excluding 0: ${ci(m.targets.beatsBestOnAverage.value)} — ${yes(m.targets.beatsBestOnAverage.met)}.`,
    `- Benefit calibration slope 0.8–1.2: ${m.targets.benefitCalibrationSlope.value} — ${yes(m.targets.benefitCalibrationSlope.met)}.`,
    '',
    '### Serving',
    '',
    `- ONNX vs in-process trees on ${m.onnx.parityRows} rows: max abs difference ${m.onnx.parityMaxAbsDiff.toExponential(2)} mmol/mol.`,
    ...(m.inference
      ? [
          `- onnxruntime-node, CPU, one intra-op thread, on the training machine: single patient × 7 classes p50 ${m.inference.singlePatient7Classes.p50Ms} ms, p99 ${m.inference.singlePatient7Classes.p99Ms} ms (target p99 ≤ 1 ms); batch ${m.inference.batch.predictionsPerSecond.toLocaleString('en')} predictions/s (target ≥ 50,000); full explained prediction (validation, ONNX, TreeSHAP × 7) p50 ${m.inference.explainedPrediction.p50Ms} ms, p99 ${m.inference.explainedPrediction.p99Ms} ms. Measured with a 1-minute load average of ${m.inference.machine.loadAverage1mAtStart} on ${m.inference.machine.cores} cores; figures depend on that load, and \`npm run bench\` measures them again.`,
        ]
      : ['- Inference not measured in this run; see `npm run bench`.']),
    '',
    '## Limitations and caveats',
    '',
    '- Synthetic data: the evaluation measures recovery of the generator\'s effect model. High agreement here says nothing about real patients; the generator\'s effect sizes are literature-inspired approximations, not estimates.',
    '- The decision-quality figures above (regret, best class, policies) are for HbA1c alone. The served ranking also weighs predicted weight and hypoglycaemia and puts organ protection first (Person-centred ranking); oedema, patient preference and everything the model does not see remain for the clinician.',
    '- No unmeasured confounding exists in the generator; real observational data would have it, and the observed-data model would be biased.',
    '- The small regret reflects the synthetic world: the generator\'s effect surfaces are smooth, mostly additive, use only features the model sees, and large gaps separate many classes (e.g. basal insulin at HbA1c > 86), so the best class is often easy to find. Real response heterogeneity is less well captured by routine features (Dennis et al., Lancet 2025).',
    '- Trees are flat outside the training data; inputs outside the ranges are refused, but sparse regions inside them (e.g. basal insulin, received by few twins, only at HbA1c > 86) are less certain. The P10–P90 interval covers individual variation, not model uncertainty.',
    '- Thresholds come from the synthetic cohort and do not transfer to laboratories or populations with other distributions.',
    '',
    '## TRIPOD+AI items (where each is reported)',
    '',
    '- Source of data, participants, outcome, predictors: Training data and Inputs above; generator source in `server/synthetic/digital-twins/`.',
    '- Sample size and split: Training data. Missing data: optional inputs missing at stated rates, required inputs never imputed (Inputs, Missing inputs).',
    '- Analysis: Model details; hyperparameters in `metrics.json` (`training.config`). Model selection used observed validation loss only.',
    '- Performance measures with uncertainty (bootstrap, 1,000 resamples over patients): Performance. Fairness and subgroups: Subgroups (sex, age, BMI, eGFR).',
    '- Model availability: `model.onnx`, `feature-schema.json`, `explanation-trees.json`; reproduction: `npm run model:train` (deterministic for a seed).',
    '',
  );
  return lines.join('\n');
}
