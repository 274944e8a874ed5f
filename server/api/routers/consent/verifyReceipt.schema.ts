import { z } from 'zod';

export const ZVerifyReceiptInputSchema = z.object({ receipt: z.string().min(1).max(50_000) });

export const ZVerifyReceiptOutputSchema = z.discriminatedUnion('valid', [
  z.object({
    valid: z.literal(true),
    issuer: z.string(),
    patient: z.string(),
    version: z.number().int(),
    timestamp: z.string(),
    recordId: z.string(),
    purposes: z.array(z.object({ purpose: z.string(), decision: z.enum(['permit', 'deny']), data: z.union([z.literal('all'), z.array(z.string())]), recipients: z.union([z.literal('all'), z.array(z.string())]) })),
    withdrawal: z.object({ method: z.string(), url: z.string() }),
  }),
  z.object({ valid: z.literal(false), reason: z.string(), detail: z.string() }),
]);
export type TVerifyReceiptOutput = z.infer<typeof ZVerifyReceiptOutputSchema>;
