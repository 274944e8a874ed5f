import { z } from 'zod';
import { userText } from '@/server/api/text-input';
import { BOARD_KEYS, DISCIPLINE_KEYS } from '@/server/oncology/boards/board-kinds';
import { CASE_STATES } from '@/server/oncology/boards/case-states';
import { ZLocalTextSchema } from '@/server/records/merged-record-schema';
import { RESPONSES, ZDecisionContentSchema, ZFollowUpMonthsSchema } from '@/server/oncology/decisions/decision-content';

export const ZBoardsInputSchema = z.object({}).strict();
export const ZBoardsOutputSchema = z.array(z.object({ key: z.enum(BOARD_KEYS), name: ZLocalTextSchema, quorum: z.array(z.enum(DISCIPLINE_KEYS)) }));

export const ZMemberSchema = z.object({ name: userText({ min: 2, max: 120 }), discipline: z.enum(DISCIPLINE_KEYS) });

export const ZCreateSessionInputSchema = z.object({
  board: z.enum(BOARD_KEYS),
  // A board meets within the coming year, or recorded up to a month late.
  scheduledAt: z.date().refine((d) => Math.abs(d.getTime() - Date.now()) < 366 * 86_400_000, { message: 'Pick a date within a year from today.' }),
  members: z.array(ZMemberSchema).max(40),
});
export const ZSessionSummarySchema = z.object({
  id: z.string().uuid(),
  board: z.enum(BOARD_KEYS),
  scheduledAt: z.date(),
  chairName: z.string(),
  members: z.array(z.object({ name: z.string(), discipline: z.enum(DISCIPLINE_KEYS) })),
});
export const ZCreateSessionOutputSchema = z.object({ id: z.string().uuid() });

export const ZSessionsInputSchema = z.object({ includePast: z.boolean().default(false) }).strict();
export const ZSessionsOutputSchema = z.array(ZSessionSummarySchema.extend({ cases: z.record(z.enum(CASE_STATES), z.number().int()) }));

export const ZSessionInputSchema = z.object({ sessionId: z.string().uuid() });
export const ZAgendaCaseSchema = z.object({
  id: z.string().uuid(),
  /** Null when the caller may not see who the case is about. */
  patientNationalId: z.string().nullable(),
  question: z.string().nullable(),
  standardOfCare: z.boolean(),
  state: z.enum(CASE_STATES),
  nominatedByName: z.string(),
  nominatedAt: z.date(),
});
export const ZSessionOutputSchema = ZSessionSummarySchema.extend({ isChair: z.boolean(), cases: z.array(ZAgendaCaseSchema) });

/** The printable protocol: the agenda with each visible case's latest decision and follow-ups. */
export const ZProtocolOutputSchema = ZSessionSummarySchema.extend({
  cases: z.array(
    ZAgendaCaseSchema.extend({
      decision: z
        .object({ version: z.number().int(), status: z.enum(['draft', 'final']), content: ZDecisionContentSchema, amendmentReason: z.string().nullable(), signedByName: z.string().nullable(), signedAt: z.date().nullable(), contentHash: z.string().nullable() })
        .nullable(),
      followUps: z.array(z.object({ months: ZFollowUpMonthsSchema, therapyGiven: z.boolean(), response: z.enum(RESPONSES), adverseEvents: z.string() })),
    }),
  ),
});
