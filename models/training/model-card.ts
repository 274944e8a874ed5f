import type { Evaluation } from '@/models/training/evaluate';
import type { InferenceFigures } from '@/models/training/measure-inference';
import { DRUG_CLASSES, DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { PATIENT_FEATURES, PATIENT_FEATURE_NAMES } from '@/server/diabetes/model/patient-features';
import { HBA1C_IFCC_PER_NGSP, HBA1C_NGSP_OFFSET } from '@/server/terminology/units';

/**
 * Writes model-card.md from the measured metrics, in the sections of Model Cards (Mitchell et al.,
 * FAT* 2019) and the TRIPOD+AI reporting items (Collins et al., BMJ 2024). Every figure comes from
 * metrics.json of the same run.
 */
interface CardInput extends Evaluation {
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
    '- Task: for an adult with type 2 diabetes, predict the 12-month change in HbA1c (mmol/mol, IFCC; LOINC 59261-8) for each of seven drug classes added to the current therapy, with a 10th–90th percentile interval, and rank the classes the guardrails allow.',
    `- Classes: ${DRUG_CLASS_IDS.map((c) => `${DRUG_CLASSES[c].label} (ATC ${DRUG_CLASSES[c].atc})`).join('; ')}.`,
    '- Method: gradient-boosted regression trees written in TypeScript (`models/training/`): a shared model of HbA1c change given features and candidate class (S-learner), per-class residual boosting on the patients who received each class (T-learner correction), and two quantile-loss models (10th, 90th percentile). Early stopping on observed validation outcomes only.',
    `- Size: ${m.training.summary.sharedTrees} shared trees + per-class trees + ${m.training.summary['quantileTrees_0.1']} / ${m.training.summary['quantileTrees_0.9']} quantile trees; one ONNX ai.onnx.ml TreeEnsembleRegressor (${(m.onnx.bytes / 1024).toFixed(0)} KiB), served by onnxruntime-node.`,
    '- Explanation: exact path-dependent TreeSHAP (Lundberg et al. 2018) per class; contributions plus the cohort baseline sum to the prediction.',
    '- Version: 1.0.0, produced by `npm run model:train`; owner: D4H Clinic engineering.',
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
    '- Outcomes other than HbA1c: weight, hypoglycaemia, cardiovascular and renal protection are not predicted and must be weighed separately (ADA Standards of Care 2025).',
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
    `HbA1c is in mmol/mol; % (NGSP, LOINC 4548-4) = mmol/mol / ${HBA1C_IFCC_PER_NGSP} + ${HBA1C_NGSP_OFFSET}. The feature schema the server validates against is \`feature-schema.json\`.`,
    '',
    '## Training data',
    '',
    `- **Synthetic.** ${m.cohort.twins.toLocaleString('en')} digital twins from \`server/synthetic/digital-twins\` (generator ${m.cohort.generatorVersion}, seed ${m.cohort.seed}), the same generator that fills the research institute's digital-twin dataset.`,
    '- Each twin has a true 12-month HbA1c response for all seven classes whose heterogeneity follows the literature: TriMaster (Shields et al., Nat Med 2023), Dennis et al. (Lancet Digit Health 2022; Diabetes Care 2018; Lancet 2025), higher baseline HbA1c → larger fall for every class (ADA 2025).',
    `- Unexplained individual variation: person-level SD ${m.cohort.responseNoiseSdMmolMol.person} and visit-level SD ${m.cohort.responseNoiseSdMmolMol.visit} mmol/mol (total ≈ ${Math.hypot(m.cohort.responseNoiseSdMmolMol.person, m.cohort.responseNoiseSdMmolMol.visit).toFixed(1)}).`,
    '- Only the outcome of the class actually prescribed is observed; prescribing is confounded by indication (heart failure and CKD → SGLT2i, obesity and ASCVD → GLP-1 RA, older age → DPP-4i, HbA1c > 86 → insulin). The counterfactual truth is used only for evaluation, never for training or model selection.',
    `- Received-class share in training: ${Object.entries(m.cohort.receivedClassShare).map(([c, s]) => `${c} ${(s * 100).toFixed(1)} %`).join(', ')}.`,
    `- Split by patient: ${m.cohort.split.train} train, ${m.cohort.split.validation} validation (early stopping), ${m.cohort.split.test} test.`,
    '- What that implies: the model can only be as right as the generator\'s assumptions. There is no missing data, no measurement drift, no unmeasured confounding and no ethnic or site variation unless the generator puts it there; real-world performance would be lower.',
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
    '- Decisions consider HbA1c only. Weight, hypoglycaemia (sulfonylureas, insulin), oedema and heart failure (TZD), organ protection (SGLT2i, GLP-1 RA), cost and patient preference are for the clinician; the guardrails only remove contraindicated or pointless options.',
    '- No unmeasured confounding exists in the generator; real observational data would have it, and the observed-data model would be biased.',
    '- The small regret reflects the synthetic world: the generator\'s effect surfaces are smooth, mostly additive, use only features the model sees, and large gaps separate many classes (e.g. basal insulin at HbA1c > 86), so the best class is often easy to find. Real response heterogeneity is less well captured by routine features (Dennis et al., Lancet 2025).',
    '- Trees are flat outside the training data; inputs outside the ranges are refused, but sparse regions inside them (e.g. basal insulin, received by few twins, only at HbA1c > 86) are less certain. The P10–P90 interval covers individual variation, not model uncertainty.',
    '- Thresholds come from the synthetic cohort and do not transfer to laboratories or populations with other distributions.',
    '',
    '## TRIPOD+AI items (where each is reported)',
    '',
    '- Source of data, participants, outcome, predictors: Training data and Inputs above; generator source in `server/synthetic/digital-twins/`.',
    '- Sample size and split: Training data. Missing data: none by construction (stated as a limitation).',
    '- Analysis: Model details; hyperparameters in `metrics.json` (`training.config`). Model selection used observed validation loss only.',
    '- Performance measures with uncertainty (bootstrap, 1,000 resamples over patients): Performance. Fairness and subgroups: Subgroups (sex, age, BMI, eGFR).',
    '- Model availability: `model.onnx`, `feature-schema.json`, `explanation-trees.json`; reproduction: `npm run model:train` (deterministic for a seed).',
    '',
  );
  return lines.join('\n');
}
