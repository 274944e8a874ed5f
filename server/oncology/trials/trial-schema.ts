import { z } from 'zod';

const STAGES = ['I', 'II', 'III', 'IV'] as const;
export type TStage = (typeof STAGES)[number];

export const ZTrialSchema = z
  .object({
    id: z.string().min(1),
    /** ClinicalTrials.gov identifier; null for the illustrative trials, which are not registered. */
    nctId: z.string().regex(/^NCT\d{8}$/).nullable(),
    title: z.string().min(1),
    phase: z.enum(['1', '1/2', '2', '2/3', '3']),
    status: z.enum(['recruiting', 'not yet recruiting', 'active, not recruiting', 'completed']),
    /** Knowledge-base tumour keys, or "any" for a basket trial. */
    conditions: z.array(z.string().min(1)).min(1),
    criteria: z
      .object({
        ageMin: z.number().int().min(0).nullable(),
        ageMax: z.number().int().min(0).nullable(),
        sex: z.enum(['all', 'female', 'male']),
        ecogMax: z.number().int().min(0).max(4).nullable(),
        stages: z.array(z.enum(STAGES)),
        /** Lines of therapy for advanced disease already received (adjuvant therapy does not count). */
        priorLinesMin: z.number().int().min(0).nullable(),
        priorLinesMax: z.number().int().min(0).nullable(),
        /** Any one of these is required (empty: no biomarker requirement); written as the knowledge base reads variants. */
        requiredVariants: z.array(z.string().min(1)),
        excludedVariants: z.array(z.string().min(1)),
      })
      .strict(),
    sites: z.array(z.object({ name: z.string().min(1), city: z.string().min(1), country: z.string().length(2) }).strict()).min(1),
  })
  .strict();
export type TTrial = z.infer<typeof ZTrialSchema>;

export const ZTrialSetSchema = z
  .object({
    version: z.string().min(1),
    /** True when the set is made up for the synthetic dataspace: the UI must say so. */
    illustrative: z.boolean(),
    notice: z.string().min(1),
    trials: z.array(ZTrialSchema).min(1),
  })
  .strict()
  .refine((s) => !s.illustrative || s.trials.every((t) => t.nctId === null), { message: 'an illustrative set carries no NCT numbers' });
export type TTrialSet = z.infer<typeof ZTrialSetSchema>;

/** The case as trial matching sees it; null where the record does not say. */
export const ZTrialCaseSchema = z
  .object({
    /** Tumour name or ICD-10 code, as the knowledge base resolves it. */
    tumour: z.string().min(1),
    age: z.number().int().min(0).max(130).nullable(),
    sex: z.enum(['female', 'male']).nullable(),
    ecog: z.number().int().min(0).max(4).nullable(),
    stage: z.enum(STAGES).nullable(),
    priorLines: z.number().int().min(0).nullable(),
    /** Variants found (e.g. "EGFR L858R"); null when no molecular report is available, [] when none was found. */
    variants: z.array(z.string().min(1)).nullable(),
  })
  .strict();
export type TTrialCase = z.infer<typeof ZTrialCaseSchema>;
