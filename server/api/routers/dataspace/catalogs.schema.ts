import { z } from 'zod';
import { ZReadableRuleSchema as ZRuleSchema } from './readable-policy.schema';

export const ZCatalogsOutputSchema = z.object({
  catalogs: z.array(
    z.object({
      providerId: z.string(),
      fetchedAt: z.string().nullable(),
      /** Null when the catalog could be read; otherwise why not (the cached copy, if any, is still shown). */
      error: z.string().nullable(),
      datasets: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          description: z.string().nullable(),
          accessRights: z.string().nullable(),
          numberOfRecords: z.number().nullable(),
          numberOfUniqueIndividuals: z.number().nullable(),
          legalBasis: z.array(z.string()),
          offers: z.array(z.object({ id: z.string(), purpose: z.string().nullable(), roles: z.array(z.string()), permissions: z.array(ZRuleSchema), prohibitions: z.array(ZRuleSchema), duties: z.array(ZRuleSchema) })),
        }),
      ),
    }),
  ),
});
export type TCatalogsOutput = z.infer<typeof ZCatalogsOutputSchema>;
