import { z } from 'zod';
import { CHOOSABLE_PURPOSES } from '@/server/consent/consent-choices';

export const ZOverviewInputSchema = z.void();

const ZRuleSchema = z.object({
  id: z.string(),
  decision: z.enum(['permit', 'deny']),
  purpose: z.string().nullable(),
  organisation: z.string().nullable(),
  professional: z.string().nullable(),
  dataCategory: z.string().nullable(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
});
export { ZRuleSchema as ZConsentRuleSchema };

export const ZOverviewOutputSchema = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    /** The Consent version shown: a change names it, so a change from another device meanwhile is a conflict. */
    version: z.number().int(),
    recordedAt: z.string().nullable(),
    purposes: z.array(z.object({ purpose: z.enum(CHOOSABLE_PURPOSES), allowed: z.boolean(), byDefault: z.boolean() })),
    emergencyAccess: z.object({ allowed: z.boolean(), byDefault: z.boolean() }),
    blocks: z.array(z.object({ ruleId: z.string(), target: z.enum(['organisation', 'professional']), id: z.string(), name: z.string().nullable() })),
    hidden: z.array(z.object({ ruleId: z.string(), category: z.string() })),
    other: z.number().int(),
    /** Whom the patient's data is shared with in the dataspace, to name in the overview and to block. */
    organisations: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);
export type TOverviewOutput = z.infer<typeof ZOverviewOutputSchema>;
