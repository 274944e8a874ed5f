import { z } from 'zod';
import { userText } from '@/server/api/text-input';
import { ZNationalId } from '@/server/records/national-id';

export const ZStartBreakGlassInputSchema = z.object({
  nationalId: ZNationalId,
  // A reason a colleague reviewing the audit trail can judge, not "urgent".
  reason: userText({ min: 15, max: 500 }),
});
export const ZStartBreakGlassOutputSchema = z.object({ expiresAt: z.date() });

export const ZEndBreakGlassInputSchema = z.object({ nationalId: ZNationalId });
export const ZEndBreakGlassOutputSchema = z.object({ ended: z.boolean() });
