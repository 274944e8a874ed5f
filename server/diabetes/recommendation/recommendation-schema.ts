import { z } from 'zod';
import { FEATURE_STATUSES } from '@/server/diabetes/features/feature-types';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { PATIENT_FEATURE_NAMES } from '@/server/diabetes/model/patient-features';
import { PRIORITY_IDS, type Priority } from '@/server/diabetes/recommendation/priorities';
import { CONSENT_STATES, PROVIDER_STATUSES } from '@/server/dataspace/consumer/record-fan-out';
import { ZLocalTextSchema } from '@/server/records/merged-record-schema';

/**
 * What the endocrinologist's patient page receives: the features with their provenance, the model's
 * ranked options beside the guardrails, what is missing and why, and the basis to check it all.
 */
export const ZFeatureProvenanceSchema = z.object({
  resource: z.string(),
  versionId: z.string().nullable(),
  providerId: z.string().nullable(),
  datasetId: z.string().nullable(),
  agreementId: z.string().nullable(),
  fhirUrl: z.string().nullable(),
  date: z.string().nullable(),
});

export const ZAssembledFeatureSchema = z.object({
  name: z.enum(PATIENT_FEATURE_NAMES as [string, ...string[]]),
  label: z.string(),
  required: z.boolean(),
  status: z.enum(FEATURE_STATUSES),
  value: z.number().nullable(),
  unit: z.string(),
  reported: z.object({ value: z.number(), unit: z.string() }).nullable(),
  derivation: z.string().nullable(),
  date: z.string().nullable(),
  sources: z.array(ZFeatureProvenanceSchema),
  reason: z.string().nullable(),
});
export type TAssembledFeatureView = z.infer<typeof ZAssembledFeatureSchema>;

export const ZSeriesPointSchema = z.object({ date: z.string(), value: z.number(), beside: z.number().nullable(), sources: z.array(ZFeatureProvenanceSchema) });

const ZGuardrailSourceSchema = z.object({ label: z.string(), citation: z.string(), url: z.string() });
export const ZGuardrailFindingSchema = z.object({
  ruleId: z.string(),
  effect: z.string(),
  message: z.string(),
  severity: z.enum(['moderate', 'high']).optional(),
  source: ZGuardrailSourceSchema,
});

export const ZContributionSchema = z.object({ feature: z.string(), label: z.string(), value: z.number().nullable(), unit: z.string(), contribution: z.number() });

export const ZOptionSchema = z.object({
  drugClass: z.enum(DRUG_CLASS_IDS),
  atc: z.string(),
  label: z.string(),
  rank: z.number().int().nullable(),
  group: z.enum(['organ-protection', 'by-priority', 'excluded', 'withheld']),
  reason: z.string(),
  costTier: z.enum(['low', 'variable', 'high']),
  predictedHba1cChangeMmolMol: z.number(),
  intervalMmolMol: z.object({ p10: z.number(), p90: z.number() }),
  predictedHba1cMmolMol: z.number(),
  predictedHba1cPercent: z.number(),
  weightChangeKg: z.object({ predicted: z.number(), p10: z.number(), p90: z.number() }),
  hypoglycaemiaRisk12m: z.object({ predicted: z.number(), low: z.number(), high: z.number() }),
  guardrailStatus: z.enum(['excluded', 'recommended', 'available']),
  findings: z.array(ZGuardrailFindingSchema),
  explanation: z.object({ baselineMmolMol: z.number(), candidateClassContribution: z.number(), contributions: z.array(ZContributionSchema) }).nullable(),
});
export type TOptionView = z.infer<typeof ZOptionSchema>;

export const ZDiabetesProviderSchema = z.object({
  providerId: z.string(),
  legalName: z.string().nullable(),
  status: z.enum(PROVIDER_STATUSES),
  detail: z.string().nullable(),
  consent: z.enum(CONSENT_STATES),
  agreementId: z.string().nullable(),
  resources: z.number().int(),
});

export const ZModelStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ready'), name: z.string(), version: z.string(), sha256: z.string(), notForClinicalUse: z.literal(true) }),
  z.object({ state: z.literal('refused'), code: z.string(), message: z.string() }),
]);
export type TModelStatus = z.infer<typeof ZModelStatusSchema>;

export const ZTargetSchema = z.object({ mmolMol: z.number(), percent: z.number(), basis: z.string(), source: ZGuardrailSourceSchema });

export const ZRecommendationViewSchema = z.object({
  nationalId: z.string(),
  now: z.string(),
  patient: z.object({
    name: z.string().nullable(),
    birthDate: z.string().nullable(),
    ageYears: z.number().nullable(),
    sex: z.enum(['female', 'male']).nullable(),
    diabetesOnset: z.string().nullable(),
    diabetesDurationYears: z.number().nullable(),
  }),
  comorbidities: z.array(z.object({ name: ZLocalTextSchema, onset: z.string().nullable(), sources: z.array(ZFeatureProvenanceSchema) })),
  medications: z.array(z.object({ name: z.string(), atc: z.string().nullable(), drugClasses: z.array(z.enum(DRUG_CLASS_IDS)), authoredOn: z.string().nullable(), source: ZFeatureProvenanceSchema })),
  providers: z.array(ZDiabetesProviderSchema),
  locator: z.object({ ok: z.boolean(), detail: z.string().nullable() }),
  /** Data that could not be read (a provider down, a consent withdrawn) and what that means here. */
  missingData: z.array(z.object({ providerId: z.string(), legalName: z.string().nullable(), status: z.enum(PROVIDER_STATUSES), consent: z.enum(CONSENT_STATES), message: z.string() })),
  features: z.array(ZAssembledFeatureSchema),
  missingOptional: z.array(z.object({ feature: z.string(), label: z.string() })),
  refusals: z.array(z.object({ feature: z.string(), kind: z.enum(['missing', 'outOfRange', 'outOfScope']), message: z.string() })),
  series: z.object({ hba1c: z.array(ZSeriesPointSchema), weight: z.array(ZSeriesPointSchema), bmi: z.array(ZSeriesPointSchema), egfr: z.array(ZSeriesPointSchema) }),
  target: ZTargetSchema,
  priority: z.object({ id: z.enum(PRIORITY_IDS as [Priority, ...Priority[]]), label: z.string(), tradeOff: z.string() }),
  model: ZModelStatusSchema,
  ruleSetVersion: z.string(),
  intensification: z.object({ indicated: z.boolean(), advice: z.string().nullable() }).nullable(),
  /** Ranked options, then withheld and excluded ones; empty when the model gave no output (see refusals, model). */
  options: z.array(ZOptionSchema),
  /** Every guideline and label source the rules cite. */
  citations: z.array(ZGuardrailSourceSchema),
});
export type TRecommendationView = z.infer<typeof ZRecommendationViewSchema>;
