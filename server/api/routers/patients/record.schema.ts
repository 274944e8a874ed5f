import { z } from 'zod';
import { CONSENT_STATES, PROVIDER_STATUSES } from '@/server/dataspace/consumer/record-fan-out';

import { ZItemSourceSchema, ZMergedRecordSchema } from '@/server/records/merged-record-schema';
import { ZNationalId } from '@/server/records/national-id';

export const ZRecordInputSchema = z.object({ nationalId: ZNationalId });
export type TRecordInput = z.infer<typeof ZRecordInputSchema>;

export const ZProviderStatusSchema = z.object({
  providerId: z.string(),
  legalName: z.string().nullable(),
  status: z.enum(PROVIDER_STATUSES),
  detail: z.string().nullable(),
  consent: z.enum(CONSENT_STATES),
  /** The patient's Consent version the provider's decision rests on, and when it was recorded (null: the defaults). */
  consentBasis: z.object({ reference: z.string(), version: z.number().int(), recorded: z.string().nullable() }).nullable(),
  agreementId: z.string().nullable(),
  resources: z.number().int(),
  truncated: z.boolean(),
  elapsedMs: z.number().int(),
});

/** On what ground the record was read: emergency access is shown to the clinician with its expiry. */
export const ZRecordAccessSchema = z.object({
  basis: z.enum(['care-relationship', 'own-record', 'break-glass']),
  purpose: z.string(),
  breakGlass: z.object({ reason: z.string(), expiresAt: z.date() }).nullable(),
});

export const ZRecordOutputSchema = z.object({
  nationalId: z.string(),
  access: ZRecordAccessSchema,
  locator: z.object({ ok: z.boolean(), detail: z.string().nullable() }),
  patient: z
    .object({
      name: z.string(),
      gender: z.string().nullable(),
      birthDate: z.string().nullable(),
      /** The person's records at each provider (one person, several sources). */
      sources: z.array(ZItemSourceSchema.extend({ localIdentifier: z.string().nullable() })),
    })
    .nullable(),
  providers: z.array(ZProviderStatusSchema),
  ...ZMergedRecordSchema.shape,
});
export type TRecordOutput = z.infer<typeof ZRecordOutputSchema>;
