import { z } from 'zod';
import { userText } from '@/server/api/text-input';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { OVERRIDE_REASON_CODES } from '@/server/diabetes/recommendation/override-reasons';
import { ZNationalId } from '@/server/records/national-id';
import { ZPrioritySchema } from './recommendation.schema';

export const ZDecideInputSchema = z
  .object({
    nationalId: ZNationalId,
    /** Chosen by the page once per decision form, so a retried submit is recognised. */
    idempotencyKey: z.uuid(),
    action: z.enum(['accepted', 'overridden']),
    /** The class chosen; null for "no change". */
    chosenClass: z.enum(DRUG_CLASS_IDS).nullable(),
    overrideReason: z.enum(OVERRIDE_REASON_CODES).nullable().default(null),
    note: userText({ min: 0, max: 2000 }).nullable().default(null),
    /** The priority the options were ranked by when the clinician decided. */
    priority: ZPrioritySchema.optional(),
  })
  .strict();
export type TDecideInput = z.infer<typeof ZDecideInputSchema>;

export const ZDecideOutputSchema = z.object({ id: z.uuid(), replayed: z.boolean(), decidedAt: z.date() });
export type TDecideOutput = z.infer<typeof ZDecideOutputSchema>;
