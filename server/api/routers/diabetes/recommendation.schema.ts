import { z } from 'zod';
import { ZRecordAccessSchema } from '@/server/api/routers/patients/record.schema';
import { PRIORITY_IDS } from '@/server/diabetes/recommendation/priorities';
import type { Priority } from '@/server/diabetes/recommendation/priorities';
import { ZRecommendationViewSchema } from '@/server/diabetes/recommendation/recommendation-schema';
import { ZNationalId } from '@/server/records/national-id';

export const ZPrioritySchema = z.enum(PRIORITY_IDS as [Priority, ...Priority[]]);

export const ZRecommendationInputSchema = z.object({ nationalId: ZNationalId, priority: ZPrioritySchema.optional() }).strict();
export type TRecommendationInput = z.infer<typeof ZRecommendationInputSchema>;

export const ZRecommendationOutputSchema = ZRecommendationViewSchema.extend({ access: ZRecordAccessSchema });
export type TRecommendationOutput = z.infer<typeof ZRecommendationOutputSchema>;
