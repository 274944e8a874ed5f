import { z } from 'zod';
import { ZConsentRuleSchema } from './overview.schema';

export const ZHistoryInputSchema = z.void();

export const ZHistoryOutputSchema = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    versions: z.array(
      z.object({
        version: z.number().int(),
        recordedAt: z.string(),
        /** Who wrote it: the patient at the portal, a steward, or the initial (demo or synthetic) set-up. */
        author: z.enum(['patient', 'steward', 'set-up']),
        rules: z.array(ZConsentRuleSchema),
        /** The signed consent receipt (compact JWS), to download; null for the initial set-up. */
        receipt: z.string().nullable(),
      }),
    ),
  }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);
export type THistoryOutput = z.infer<typeof ZHistoryOutputSchema>;
