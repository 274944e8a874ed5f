import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { MODEL_DIR, modelFile } from '@/server/diabetes/model/model-files';

/**
 * The figures of metrics.json the model page and the basis panel show (EU AI Act Art. 13: accuracy
 * and limits with the instructions), parsed rather than trusted: a metrics file of another shape is a
 * model the page cannot describe, and says so.
 */
const ZCalibration = z.object({ slope: z.number(), intercept: z.number() });
const ZAccuracy = z.object({
  n: z.number(),
  rmseVsTrue: z.number(),
  calibrationVsTrue: ZCalibration,
  intervalP10P90: z.object({ coverageOfTrue: z.number(), meanWidth: z.number() }),
});
const ZDecile = z.object({ decile: z.number(), n: z.number(), meanPredicted: z.number(), meanTrue: z.number() });
const ZSubgroup = z.object({ subgroup: z.string(), n: z.number(), rmseAllClasses: z.number(), calibrationSlope: z.number(), meanRegretMmolMol: z.number() });
const ZPriorityOutcome = z.object({ label: z.string(), meanHba1cChangeMmolMol: z.number(), meanWeightChangeKg: z.number(), meanHypoglycaemiaRisk12m: z.number() });
const ZEstimate = z.object({ estimate: z.number(), ci95: z.tuple([z.number(), z.number()]) });

export const ZModelMetricsSchema = z.object({
  artefact: z.object({ version: z.string(), sha256: z.string() }),
  cohort: z.object({ twins: z.number(), split: z.object({ train: z.number(), validation: z.number(), test: z.number() }) }),
  accuracy: z.object({ receivedClass: ZAccuracy, allClasses: ZAccuracy, perClass: z.record(z.string(), ZAccuracy) }),
  decision: z.object({
    bestClassAgreement: z.number(),
    meanRegretMmolMol: ZEstimate,
    modelMinus: z.object({ bestOnAverage: ZEstimate, guideline: ZEstimate, observed: ZEstimate }),
    observedConcordance: z.object({ shareConcordant: z.number(), difference: z.number() }),
  }),
  benefitCalibration: z.object({ contrast: z.string(), deciles: z.array(ZDecile), decileSlope: z.number() }),
  subgroups: z.record(z.string(), z.array(ZSubgroup)),
  secondaryOutputs: z.object({
    weight: z.object({ rmseVsTrueKg: z.number(), calibrationVsTrue: ZCalibration, intervalP10P90: z.object({ coverageOfObservedReceived: z.number(), meanWidthKg: z.number() }) }),
    hypoglycaemia: z.object({ rmseVsTrueRisk: z.number(), calibrationVsTrue: ZCalibration, brierScoreObserved: z.number(), deciles: z.array(ZDecile) }),
  }),
  rankingPriorities: z.record(z.string(), z.union([ZPriorityOutcome, z.string()])),
  missingInputs: z.object({ shareOfPatientsWithMissingInputs: z.number(), missingShareByFeature: z.record(z.string(), z.number()) }),
});
export type TModelMetrics = z.infer<typeof ZModelMetricsSchema>;

export interface ModelDocuments {
  metrics: TModelMetrics | null;
  /** Why the metrics could not be read, when they could not. */
  metricsProblem: string | null;
  card: string | null;
}

/** The model card (markdown) and the figures of metrics.json, read from the model folder. */
export async function readModelDocuments(dir: string = MODEL_DIR): Promise<ModelDocuments> {
  const [metricsText, card] = await Promise.all([readFile(modelFile('metrics', dir), 'utf8').catch(() => null), readFile(modelFile('card', dir), 'utf8').catch(() => null)]);
  if (metricsText === null) return { metrics: null, metricsProblem: 'metrics.json cannot be read', card };
  let json: unknown;
  try {
    json = JSON.parse(metricsText);
  } catch {
    return { metrics: null, metricsProblem: 'metrics.json is not valid JSON', card };
  }
  const parsed = ZModelMetricsSchema.safeParse(json);
  if (!parsed.success) return { metrics: null, metricsProblem: `metrics.json has another shape: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, card };
  return { metrics: parsed.data, metricsProblem: null, card };
}
