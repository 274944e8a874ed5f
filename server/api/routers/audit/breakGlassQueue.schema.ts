import { z } from 'zod';
import { userText } from '@/server/api/text-input';
import { QUEUE_VIEWS, REVIEW_VERDICTS } from '@/server/access/break-glass-review';

export const ZBreakGlassQueueInputSchema = z.object({ view: z.enum(QUEUE_VIEWS).default('pending'), limit: z.number().int().min(1).max(200).default(100) });

export const ZBreakGlassQueueOutputSchema = z.array(
  z.object({
    id: z.string(),
    patientNationalId: z.string(),
    reason: z.string(),
    startedAt: z.date(),
    expiresAt: z.date(),
    endedAt: z.date().nullable(),
    state: z.enum(['active', 'expired', 'ended']),
    clinician: z.object({ name: z.string(), email: z.string(), role: z.string(), organisation: z.string().nullable() }),
    review: z.object({ verdict: z.enum(REVIEW_VERDICTS), comment: z.string(), reviewedAt: z.date(), reviewer: z.string().nullable() }).nullable(),
  }),
);

export const ZReviewBreakGlassInputSchema = z.object({
  grantId: z.uuid(),
  verdict: z.enum(REVIEW_VERDICTS),
  // A comment another steward or the patient can follow, not "ok".
  comment: userText({ min: 5, max: 1000 }),
});
export const ZReviewBreakGlassOutputSchema = z.object({ grantId: z.string(), verdict: z.enum(REVIEW_VERDICTS), reviewedAt: z.date() });
