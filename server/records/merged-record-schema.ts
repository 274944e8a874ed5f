import { z } from 'zod';

/**
 * The shape of the merged, reconciled record: every item lists each provider and resource it came
 * from, so nothing merged away is lost, and names come in both languages from the terminology.
 */
export const ZLocalTextSchema = z.object({ en: z.string(), fr: z.string() });

/** One resource behind a merged item: where it lives and under which agreement it was read. */
export const ZItemSourceSchema = z.object({
  providerId: z.string(),
  datasetId: z.string(),
  agreementId: z.string(),
  fhirUrl: z.string().nullable(),
  /** `ResourceType/id` at that provider. */
  resource: z.string(),
  date: z.string().nullable(),
});
export type TItemSource = z.infer<typeof ZItemSourceSchema>;

const ZCodeSchema = z.object({ system: z.string().nullable(), code: z.string() });

export const ZConditionSchema = z.object({
  key: z.string(),
  name: ZLocalTextSchema,
  codes: z.array(ZCodeSchema),
  clinicalStatus: z.string().nullable(),
  /** Earliest onset any provider recorded. */
  onset: z.string().nullable(),
  oncology: z.boolean(),
  sources: z.array(ZItemSourceSchema),
});
export type TCondition = z.infer<typeof ZConditionSchema>;

/** A dose as FHIR structures it (Dosage.doseAndRate, timing.repeat, route), rendered in the user's language. */
export const ZStructuredDoseSchema = z.object({
  value: z.number(),
  unit: z.string(),
  frequency: z.number().int(),
  period: z.number(),
  periodUnit: z.enum(['h', 'd', 'wk', 'mo']),
  route: ZLocalTextSchema.nullable(),
});
export type TStructuredDose = z.infer<typeof ZStructuredDoseSchema>;

export const ZMedicationEntrySchema = z.object({
  kind: z.enum(['request', 'statement']),
  status: z.string().nullable(),
  /** The provider's free text, shown when the dose is not structured. */
  dosage: z.string().nullable(),
  dose: ZStructuredDoseSchema.nullable(),
  date: z.string().nullable(),
  source: ZItemSourceSchema,
});
export type TMedicationEntry = z.infer<typeof ZMedicationEntrySchema>;

/** One ingredient: the current (active) entry first, every other prescription and statement behind it. */
export const ZMedicationSchema = z.object({
  key: z.string(),
  atc: z.string().nullable(),
  name: ZLocalTextSchema,
  active: z.boolean(),
  oncology: z.boolean(),
  current: ZMedicationEntrySchema.nullable(),
  history: z.array(ZMedicationEntrySchema),
  sources: z.array(ZItemSourceSchema),
});
export type TMedication = z.infer<typeof ZMedicationSchema>;

/** One result of a test on one day; several providers (or codes of the same test) can stand behind it. */
export const ZObservationPointSchema = z.object({
  date: z.string().nullable(),
  value: z.number().nullable(),
  /** A coded or text result, when there is no number. */
  text: ZLocalTextSchema.nullable(),
  /** The value in the family's second unit (creatinine in mg/dL beside µmol/L; HbA1c in %). */
  beside: z.number().nullable(),
  /** Providers that reported different values for the same test on the same day. */
  conflict: z.array(z.object({ providerId: z.string(), value: z.number().nullable(), text: z.string().nullable() })).nullable(),
  sources: z.array(ZItemSourceSchema),
});
export type TObservationPoint = z.infer<typeof ZObservationPointSchema>;

export const ZObservationGroupSchema = z.object({
  key: z.string(),
  name: ZLocalTextSchema,
  loinc: z.array(z.string()),
  category: z.string().nullable(),
  /** Unit for people (mL/min/1.73 m², µmol/L), and the unit of `beside`. */
  unit: z.string(),
  besideUnit: z.string().nullable(),
  /** Decimals to show, when the test has a reporting precision (HbA1c: 0 in mmol/mol, 1 in %). */
  digits: z.number().int().nullable(),
  besideDigits: z.number().int().nullable(),
  latest: ZObservationPointSchema,
  trend: z.enum(['up', 'down', 'same']).nullable(),
  /** Every point, newest first. */
  series: z.array(ZObservationPointSchema),
  conflicts: z.number().int(),
});
export type TObservationGroup = z.infer<typeof ZObservationGroupSchema>;

export const ZOncologyItemSchema = z.object({
  key: z.string(),
  kind: z.string(),
  kindName: ZLocalTextSchema,
  name: ZLocalTextSchema,
  code: z.string().nullable(),
  value: ZLocalTextSchema.nullable(),
  date: z.string().nullable(),
  sources: z.array(ZItemSourceSchema),
});
export type TOncologyItem = z.infer<typeof ZOncologyItemSchema>;

export const ZProcedureSchema = z.object({
  key: z.string(),
  kind: z.enum(['procedure', 'report']),
  name: ZLocalTextSchema,
  code: z.string().nullable(),
  conclusion: z.string().nullable(),
  date: z.string().nullable(),
  sources: z.array(ZItemSourceSchema),
});
export type TProcedure = z.infer<typeof ZProcedureSchema>;

const ZSummaryItemSchema = z.object({ name: ZLocalTextSchema, date: z.string().nullable(), sources: z.array(ZItemSourceSchema) });

export const ZSummaryResultSchema = z.object({
  key: z.enum(['hba1c', 'egfr', 'bmi', 'systolic']),
  name: ZLocalTextSchema,
  value: z.number().nullable(),
  unit: z.string(),
  beside: z.number().nullable(),
  besideUnit: z.string().nullable(),
  digits: z.number().int().nullable(),
  besideDigits: z.number().int().nullable(),
  trend: z.enum(['up', 'down', 'same']).nullable(),
  conflict: z.boolean(),
  date: z.string().nullable(),
  sources: z.array(ZItemSourceSchema),
});
export type TSummaryResult = z.infer<typeof ZSummaryResultSchema>;

export const ZRecordSummarySchema = z.object({
  problems: z.array(ZSummaryItemSchema),
  medications: z.array(ZSummaryItemSchema.extend({ dosage: z.string().nullable(), dose: ZStructuredDoseSchema.nullable() })),
  results: z.array(ZSummaryResultSchema),
  oncology: z
    .object({
      cancer: ZSummaryItemSchema.extend({ histology: ZLocalTextSchema.nullable() }).nullable(),
      stage: ZSummaryItemSchema.extend({ value: ZLocalTextSchema }).nullable(),
      ecog: ZSummaryItemSchema.extend({ value: ZLocalTextSchema }).nullable(),
      diseaseStatus: ZSummaryItemSchema.extend({ value: ZLocalTextSchema }).nullable(),
    })
    .nullable(),
});
export type TRecordSummary = z.infer<typeof ZRecordSummarySchema>;

export const ZMergedRecordSchema = z.object({
  summary: ZRecordSummarySchema,
  conditions: z.array(ZConditionSchema),
  medications: z.array(ZMedicationSchema),
  observations: z.array(ZObservationGroupSchema),
  oncology: z.array(ZOncologyItemSchema),
  procedures: z.array(ZProcedureSchema),
  /** Resources of a type the record does not show, counted so that nothing disappears unseen. */
  notShown: z.array(z.object({ resourceType: z.string(), sources: z.array(ZItemSourceSchema) })),
});
export type TMergedRecord = z.infer<typeof ZMergedRecordSchema>;
