import { z } from 'zod';
import { userText } from '@/server/api/text-input';
import { ZPanelRowSchema } from '@/server/diabetes/panel/panel-schema';

export const PANEL_FILTERS = ['all', 'aboveTarget', 'careGaps', 'notReviewed'] as const;
export const PANEL_SORTS = ['name', 'age', 'hba1c', 'lastReview', 'careGaps'] as const;

export const ZPanelInputSchema = z
  .object({
    /** Part of the name or the national id. */
    search: userText({ min: 0, max: 100 }).optional(),
    filter: z.enum(PANEL_FILTERS).default('all'),
    sort: z.enum(PANEL_SORTS).default('hba1c'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    page: z.number().int().min(1).max(10_000).default(1),
    pageSize: z.number().int().min(5).max(100).default(20),
  })
  .strict()
  .optional();
export type TPanelInput = z.infer<typeof ZPanelInputSchema>;

export const ZPanelOutputSchema = z.object({
  rows: z.array(ZPanelRowSchema),
  /** Patients matching search and filter, before pagination. */
  total: z.number().int(),
  /** Patients in the clinician's care. */
  inCare: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Time spent reading the providers and building the rows (ms). */
  elapsedMs: z.number().int(),
});
export type TPanelOutput = z.infer<typeof ZPanelOutputSchema>;
