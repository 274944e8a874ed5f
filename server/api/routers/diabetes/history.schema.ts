import { z } from 'zod';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { OVERRIDE_REASON_CODES } from '@/server/diabetes/recommendation/override-reasons';
import { ZNationalId } from '@/server/records/national-id';

export const ZHistoryInputSchema = z.object({ nationalId: ZNationalId }).strict();
export type THistoryInput = z.infer<typeof ZHistoryInputSchema>;

export const ZHistoryEntrySchema = z.object({
  id: z.uuid(),
  decidedAt: z.date(),
  clinician: z.object({ name: z.string(), email: z.string() }),
  action: z.enum(['accepted', 'overridden']),
  chosenClass: z.enum(DRUG_CLASS_IDS).nullable(),
  topClass: z.enum(DRUG_CLASS_IDS).nullable(),
  overrideReason: z.enum(OVERRIDE_REASON_CODES).nullable(),
  note: z.string().nullable(),
  priority: z.string(),
  modelVersion: z.string().nullable(),
  modelSha256: z.string().nullable(),
  ruleSetVersion: z.string(),
  /** The stored FHIR R4 GuidanceResponse with its basis, for export. */
  resource: z.record(z.string(), z.unknown()),
});
export const ZHistoryOutputSchema = z.array(ZHistoryEntrySchema);
export type THistoryOutput = z.infer<typeof ZHistoryOutputSchema>;
