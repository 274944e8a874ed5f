import { z } from 'zod';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { CONSENT_STATES, PROVIDER_STATUSES } from '@/server/dataspace/consumer/record-fan-out';
import { CARE_GAP_CODES } from './care-gaps';

/** One patient of the endocrinologist's panel. */
export const ZPanelRowSchema = z.object({
  nationalId: z.string(),
  name: z.string().nullable(),
  birthDate: z.string().nullable(),
  ageYears: z.number().nullable(),
  sex: z.enum(['female', 'male']).nullable(),
  hba1c: z
    .object({ mmolMol: z.number(), percent: z.number().nullable(), date: z.string(), trend: z.enum(['up', 'down', 'same']).nullable(), providers: z.array(z.string()) })
    .nullable(),
  target: z.object({ mmolMol: z.number(), percent: z.number() }),
  aboveTarget: z.boolean().nullable(),
  therapy: z.array(z.object({ name: z.string(), drugClasses: z.array(z.enum(DRUG_CLASS_IDS)) })),
  careGaps: z.array(z.object({ code: z.enum(CARE_GAP_CODES), detail: z.string() })),
  /** Some provider's data is missing, so care gaps (each an absence) are not computed. */
  dataIncomplete: z.boolean(),
  providers: z.array(z.object({ providerId: z.string(), legalName: z.string().nullable(), status: z.enum(PROVIDER_STATUSES), consent: z.enum(CONSENT_STATES) })),
  lastReview: z.date().nullable(),
});
export type TPanelRow = z.infer<typeof ZPanelRowSchema>;
