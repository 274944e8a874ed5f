import { z } from 'zod';
import { userText } from '@/server/api/text-input';
import { ZNationalId } from '@/server/records/national-id';
import { ZItemSourceSchema } from '@/server/records/merged-record-schema';
import { CASE_STATES } from '@/server/oncology/boards/case-states';
import { CHECKLIST_ITEMS } from '@/server/oncology/boards/preparation-checklist';
import { ZDecisionContentSchema } from '@/server/oncology/decisions/decision-content';
import { FOLLOW_UP_MONTHS, RESPONSES } from '@/server/oncology/decisions/follow-ups';
import { ZRecordOutputSchema } from '../patients/record.schema';
import { ZSessionSummarySchema } from './sessions.schema';

export const ZNominateInputSchema = z.object({
  sessionId: z.string().uuid(),
  nationalId: ZNationalId,
  // The question the board is to answer, one a colleague can act on.
  question: userText({ min: 10, max: 1000 }),
  standardOfCare: z.boolean().default(false),
});
export const ZNominateOutputSchema = z.object({ caseId: z.string().uuid() });

export const ZCaseInputSchema = z.object({ caseId: z.string().uuid() });

export const ZChecklistEntrySchema = z.object({ item: z.enum(CHECKLIST_ITEMS), present: z.boolean(), count: z.number().int(), date: z.string().nullable(), sources: z.array(ZItemSourceSchema) });

export const ZDecisionVersionSchema = z.object({
  id: z.string().uuid(),
  version: z.number().int(),
  status: z.enum(['draft', 'final']),
  revision: z.number().int(),
  content: ZDecisionContentSchema,
  amendmentReason: z.string().nullable(),
  updatedByName: z.string().nullable(),
  updatedAt: z.date(),
  signedByName: z.string().nullable(),
  signedAt: z.date().nullable(),
  contentHash: z.string().nullable(),
});

export const ZFollowUpSchema = z.object({
  months: z.union(FOLLOW_UP_MONTHS.map((m) => z.literal(m)) as [z.ZodLiteral<3>, z.ZodLiteral<6>, z.ZodLiteral<12>]),
  therapyGiven: z.boolean(),
  response: z.enum(RESPONSES),
  adverseEvents: z.string(),
  recordedAt: z.date(),
});

export const ZCasePageOutputSchema = z.object({
  case: z.object({ id: z.string().uuid(), patientNationalId: z.string(), question: z.string(), standardOfCare: z.boolean(), state: z.enum(CASE_STATES), acceptedMissing: z.array(z.string()) }),
  session: ZSessionSummarySchema.extend({ isChair: z.boolean() }),
  /** The other cases of the session the caller may open, in agenda order (presentation mode pages through them). */
  agenda: z.array(z.object({ id: z.string().uuid(), patientNationalId: z.string().nullable() })),
  record: ZRecordOutputSchema,
  checklist: z.array(ZChecklistEntrySchema),
  decisions: z.array(ZDecisionVersionSchema),
  followUps: z.array(ZFollowUpSchema),
});

export const ZSetCaseStateInputSchema = z.object({
  caseId: z.string().uuid(),
  to: z.enum(CASE_STATES),
  /** Checklist gaps the oncologist accepts when marking the case ready. */
  acceptMissing: z.array(z.enum(CHECKLIST_ITEMS)).max(CHECKLIST_ITEMS.length).default([]),
});
export const ZSetCaseStateOutputSchema = z.object({ state: z.enum(CASE_STATES) });
