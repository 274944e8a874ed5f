import { z } from 'zod';
import { userText } from '@/server/api/text-input';
import { ZNationalIdSchema } from './record.schema';

export const ZStartBreakGlassInputSchema = z.object({
  nationalId: ZNationalIdSchema,
  // A reason a colleague reviewing the audit trail can judge, not "urgent".
  reason: userText({ min: 15, max: 500 }),
});
export const ZStartBreakGlassOutputSchema = z.object({ expiresAt: z.date() });

export const ZEndBreakGlassInputSchema = z.object({ nationalId: ZNationalIdSchema });
export const ZEndBreakGlassOutputSchema = z.object({ ended: z.boolean() });
