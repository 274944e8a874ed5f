import { z } from 'zod';
import { userText } from '@/server/api/text-input';
import { DISCIPLINE_KEYS } from '@/server/oncology/boards/board-kinds';

/** Evidence levels a board can state: OncoKB therapeutic levels and ESCAT tiers (Mateo et al., Ann Oncol 2018). */
export const EVIDENCE_LEVELS = ['oncokb-1', 'oncokb-2', 'oncokb-3A', 'oncokb-3B', 'oncokb-4', 'oncokb-R1', 'oncokb-R2', 'escat-I', 'escat-II', 'escat-III', 'escat-IV', 'escat-V', 'escat-X', 'guideline', 'expert-opinion'] as const;

/** Further diagnostics a board commonly asks for before or beside treatment. */
export const FURTHER_DIAGNOSTICS = ['re-biopsy', 'liquid-biopsy', 'germline-testing', 'genetic-counselling', 'imaging', 'pathology-review'] as const;

/** Follow-up points after a board decision (MIRACUM MTB: 3, 6 and 12 months). */
export const FOLLOW_UP_MONTHS = [3, 6, 12] as const;
/** RECIST 1.1 best overall response (Eisenhauer et al., Eur J Cancer 2009), NE: not evaluable. */
export const RESPONSES = ['CR', 'PR', 'SD', 'PD', 'NE'] as const;
export const ZFollowUpMonthsSchema = z.union([z.literal(3), z.literal(6), z.literal(12)]);

export const ZAttendeeSchema = z.object({ name: userText({ min: 2, max: 120 }), discipline: z.enum(DISCIPLINE_KEYS) });

/** What a board decides on a case; stored as one JSON document per decision version. */
export const ZDecisionContentSchema = z.object({
  recommendations: z.array(z.object({ text: userText({ min: 3, max: 500 }) })).max(10),
  rationale: userText({ min: 0, max: 4000 }),
  evidenceLevel: z.enum(EVIDENCE_LEVELS).nullable(),
  /** A trial the patient is referred to, by its ClinicalTrials.gov number. */
  trialReferral: z
    .string()
    .trim()
    .regex(/^NCT\d{8}$/, { message: 'A ClinicalTrials.gov number such as NCT01234567.' })
    .nullable(),
  furtherDiagnostics: z.array(z.enum(FURTHER_DIAGNOSTICS)).max(FURTHER_DIAGNOSTICS.length),
  attendees: z.array(ZAttendeeSchema).max(40),
});
export type TDecisionContent = z.infer<typeof ZDecisionContentSchema>;

export const EMPTY_DECISION: TDecisionContent = { recommendations: [], rationale: '', evidenceLevel: null, trialReferral: null, furtherDiagnostics: [], attendees: [] };
