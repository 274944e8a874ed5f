import { z } from 'zod';
import { ZModelMetricsSchema } from '@/server/diabetes/model/model-report';
import { ZModelStatusSchema } from '@/server/diabetes/recommendation/recommendation-schema';

export const ZModelReportInputSchema = z.void();

/** Dennis et al., Lancet 2025 (five-class model): 15 % of real prescriptions matched the model's best class. */
export const FIVE_CLASS_PAPER_AGREEMENT = 0.15;

export const ZModelReportOutputSchema = z.object({
  status: ZModelStatusSchema,
  card: z.string().nullable(),
  metrics: ZModelMetricsSchema.nullable(),
  metricsProblem: z.string().nullable(),
  /** Clinicians' decisions in this app that chose the first-ranked option. */
  agreement: z.object({ decisions: z.number().int(), agreed: z.number().int(), share: z.number().nullable(), paperShare: z.number() }),
});
export type TModelReportOutput = z.infer<typeof ZModelReportOutputSchema>;
