import { z } from 'zod';
import type { CarePlan } from '@medplum/fhirtypes';
import { userText } from '@/server/api/text-input';
import { ZNationalId } from '@/server/records/national-id';
import { RESPONSES, ZDecisionContentSchema, ZFollowUpMonthsSchema } from '@/server/oncology/decisions/decision-content';
import { CASE_STATES } from '@/server/oncology/boards/case-states';
import { BOARD_KEYS } from '@/server/oncology/boards/board-kinds';
import { ZDecisionVersionSchema } from './cases.schema';

export const ZSaveDecisionInputSchema = z.object({
  caseId: z.string().uuid(),
  /** The draft revision this edit started from; null for the first draft. */
  expectedRevision: z.number().int().min(1).max(1_000_000).nullable(),
  content: ZDecisionContentSchema,
});
/** A save either lands, or meets a newer save and returns both versions, never overwriting it. */
export const ZSaveDecisionOutputSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), decision: ZDecisionVersionSchema }),
  z.object({ outcome: z.literal('conflict'), yours: ZDecisionContentSchema, theirs: ZDecisionVersionSchema }),
]);

export const ZFinaliseDecisionInputSchema = z.object({ caseId: z.string().uuid(), revision: z.number().int().min(1).max(1_000_000) });
export const ZFinaliseDecisionOutputSchema = z.object({ version: z.number().int(), contentHash: z.string(), state: z.enum(CASE_STATES) });

export const ZAmendDecisionInputSchema = z.object({ caseId: z.string().uuid(), reason: userText({ min: 10, max: 1000 }) });
export const ZAmendDecisionOutputSchema = z.object({ version: z.number().int() });

export const ZRecordFollowUpInputSchema = z.object({
  caseId: z.string().uuid(),
  months: ZFollowUpMonthsSchema,
  therapyGiven: z.boolean(),
  response: z.enum(RESPONSES),
  adverseEvents: userText({ min: 0, max: 2000 }),
});
export const ZRecordFollowUpOutputSchema = z.object({ state: z.enum(CASE_STATES) });

/** The decision in force as FHIR R4 (a CarePlan), for export to an EHR. */
export const ZDecisionFhirOutputSchema = z.custom<CarePlan>((v) => typeof v === 'object' && v !== null && (v as { resourceType?: unknown }).resourceType === 'CarePlan');

export const ZPatientDecisionsInputSchema = z.object({ nationalId: ZNationalId });
export const ZPatientDecisionsOutputSchema = z.array(
  z.object({
    caseId: z.string().uuid(),
    board: z.enum(BOARD_KEYS),
    scheduledAt: z.date(),
    question: z.string(),
    state: z.enum(CASE_STATES),
    decision: z.object({ version: z.number().int(), status: z.enum(['draft', 'final']), recommendations: z.array(z.string()), signedByName: z.string().nullable(), signedAt: z.date().nullable() }).nullable(),
  }),
);
