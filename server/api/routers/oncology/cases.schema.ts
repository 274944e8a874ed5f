import { z } from 'zod';
import { ZItemSourceSchema } from '@/server/records/merged-record-schema';
import { CASE_STATES } from '@/server/oncology/boards/case-states';
import { CHECKLIST_ITEMS } from '@/server/oncology/boards/preparation-checklist';
import { RESPONSES, ZDecisionContentSchema, ZFollowUpMonthsSchema } from '@/server/oncology/decisions/decision-content';
import { ESCAT_TIERS, ONCOKB_LEVELS } from '@/server/oncology/knowledge-base/knowledge-base-schema';
import { ZRecordOutputSchema } from '../patients/record.schema';
import { ZSessionSummarySchema } from './sessions.schema';

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
  months: ZFollowUpMonthsSchema,
  therapyGiven: z.boolean(),
  response: z.enum(RESPONSES),
  adverseEvents: z.string(),
  recordedAt: z.date(),
});

const ZEvidenceSourceSchema = z.object({ kind: z.enum(['pmid', 'fda', 'ema', 'guideline']), ref: z.string(), note: z.string().optional() });

/** The knowledge base's matches and explained non-matches for the case's tumour and variants. */
export const ZCaseEvidenceSchema = z.object({
  icd10: z.string().nullable(),
  unread: z.array(z.object({ text: z.string(), reason: z.string() })),
  result: z
    .object({
      knowledgeBase: z.object({ version: z.string(), reviewed: z.string() }),
      tumour: z.union([z.object({ kind: z.literal('any') }), z.object({ kind: z.literal('specific'), key: z.string(), name: z.string(), icd10: z.string().nullable() })]),
      variants: z.array(z.string()),
      matches: z.array(z.object({ entryId: z.string(), variant: z.string(), drugs: z.array(z.string()), resistance: z.boolean(), oncokbLevel: z.enum(ONCOKB_LEVELS), escatTier: z.enum(ESCAT_TIERS).nullable(), indication: z.string(), why: z.string(), note: z.string().nullable(), sources: z.array(ZEvidenceSourceSchema) })),
      nonMatches: z.array(z.object({ entryId: z.string(), variant: z.string(), drugs: z.array(z.string()), kind: z.enum(['other-tumour', 'not-standard']), levelElsewhere: z.enum(ONCOKB_LEVELS).nullable(), reason: z.string(), sources: z.array(ZEvidenceSourceSchema) })),
    })
    .nullable(),
});

/** The shipped trials evaluated against the case: each criterion met, unmet or unknown (server/oncology/trials). */
export const ZCaseTrialsSchema = z
  .object({
    version: z.string(),
    illustrative: z.boolean(),
    notice: z.string(),
    matches: z.array(
      z.object({
        trial: z.object({ id: z.string(), nctId: z.string().nullable(), title: z.string(), phase: z.string(), status: z.string(), sites: z.array(z.object({ name: z.string(), city: z.string(), country: z.string() })) }),
        overall: z.enum(['eligible', 'possible', 'ineligible']),
        criteria: z.array(z.object({ criterion: z.string(), status: z.enum(['met', 'unmet', 'unknown']), detail: z.string() })),
      }),
    ),
  })
  .nullable();

export const ZCasePageOutputSchema = z.object({
  case: z.object({ id: z.string().uuid(), patientNationalId: z.string(), question: z.string(), standardOfCare: z.boolean(), state: z.enum(CASE_STATES), acceptedMissing: z.array(z.string()) }),
  session: ZSessionSummarySchema.extend({ isChair: z.boolean() }),
  /** The other cases of the session the caller may open, in agenda order (presentation mode pages through them). */
  agenda: z.array(z.object({ id: z.string().uuid(), patientNationalId: z.string().nullable() })),
  record: ZRecordOutputSchema,
  checklist: z.array(ZChecklistEntrySchema),
  evidence: ZCaseEvidenceSchema,
  trials: ZCaseTrialsSchema,
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
