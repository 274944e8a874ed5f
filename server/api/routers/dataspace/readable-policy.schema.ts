import { z } from 'zod';
import type { TReadableConstraint } from '@/server/dataspace/consumer/readable-policy';

export const ZReadableConstraintSchema: z.ZodType<TReadableConstraint> = z.object({
  operand: z.string(),
  operator: z.string(),
  values: z.array(z.string()),
  get parts() {
    return z.array(ZReadableConstraintSchema);
  },
});
/** An ODRL rule in parts the UI puts into words in the user's language (see components/dataspace/policy-words.ts). */
export const ZReadableRuleSchema = z.object({ action: z.string(), constraints: z.array(ZReadableConstraintSchema) });
