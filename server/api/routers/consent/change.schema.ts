import { z } from 'zod';
import { CHOOSABLE_PURPOSES, HIDEABLE_CATEGORIES } from '@/server/consent/consent-choices';
import { PARTICIPANTS } from '@/server/dataspace/participants';

const ORGANISATION_IDS = PARTICIPANTS.filter((p) => p.kind !== 'authority').map((p) => p.id) as [string, ...string[]];

export const ZConsentChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('purpose'), purpose: z.enum(CHOOSABLE_PURPOSES), allow: z.boolean() }),
  z.object({ kind: z.literal('secondary-opt-out') }),
  z.object({ kind: z.literal('block'), target: z.literal('organisation'), id: z.enum(ORGANISATION_IDS) }),
  // A professional is named by the e-mail address they sign in with (what the providers' rules match).
  z.object({ kind: z.literal('block'), target: z.literal('professional'), id: z.email().max(200) }),
  z.object({ kind: z.literal('hide'), category: z.enum(HIDEABLE_CATEGORIES) }),
  z.object({ kind: z.literal('emergency'), allow: z.boolean() }),
  z.object({ kind: z.literal('remove'), ruleId: z.string().regex(/^[A-Za-z0-9.:-]{1,64}$/) }),
]);

export const ZChangeInputSchema = z.object({
  choice: ZConsentChoiceSchema,
  /** The version the page showed. */
  baseVersion: z.number().int().min(0),
  /** One per click, from the page: a repeat (double click, retry) writes nothing new. */
  idempotencyKey: z.uuid(),
});
export type TChangeInput = z.infer<typeof ZChangeInputSchema>;

export const ZChangeOutputSchema = z.object({
  version: z.number().int(),
  repeated: z.boolean(),
  recordedAt: z.string(),
  receipt: z.string().nullable(),
  providers: z.array(z.object({ provider: z.string(), name: z.string(), status: z.enum(['applied', 'lease-expired']), at: z.string() })),
});
export type TChangeOutput = z.infer<typeof ZChangeOutputSchema>;
