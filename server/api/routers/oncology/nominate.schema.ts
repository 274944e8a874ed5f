import { z } from 'zod';
import { userText } from '@/server/api/text-input';
import { ZNationalId } from '@/server/records/national-id';

export const ZNominateInputSchema = z.object({
  sessionId: z.string().uuid(),
  nationalId: ZNationalId,
  // The question the board is to answer, one a colleague can act on.
  question: userText({ min: 10, max: 1000 }),
  standardOfCare: z.boolean().default(false),
});
export const ZNominateOutputSchema = z.object({ caseId: z.string().uuid() });

