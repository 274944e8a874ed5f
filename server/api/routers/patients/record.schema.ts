import { z } from 'zod';
import { CONSENT_STATES, PROVIDER_STATUSES } from '@/server/dataspace/consumer/record-fan-out';

import { ZNationalId } from '@/server/records/national-id';

export const ZRecordInputSchema = z.object({ nationalId: ZNationalId });
export type TRecordInput = z.infer<typeof ZRecordInputSchema>;

export const ZSourceSchema = z.object({
  providerId: z.string(),
  datasetId: z.string(),
  agreementId: z.string(),
  fhirUrl: z.string().nullable(),
});
export type TSource = z.infer<typeof ZSourceSchema>;

const ZCodingSchema = z.object({ system: z.string().nullable(), code: z.string(), display: z.string().nullable() });

export const ZProviderStatusSchema = z.object({
  providerId: z.string(),
  legalName: z.string().nullable(),
  status: z.enum(PROVIDER_STATUSES),
  detail: z.string().nullable(),
  consent: z.enum(CONSENT_STATES),
  agreementId: z.string().nullable(),
  resources: z.number().int(),
  truncated: z.boolean(),
  elapsedMs: z.number().int(),
});

const item = { id: z.string(), source: ZSourceSchema, date: z.string().nullable() };

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
      sources: z.array(ZSourceSchema.extend({ localIdentifier: z.string().nullable() })),
    })
    .nullable(),
  providers: z.array(ZProviderStatusSchema),
  conditions: z.array(z.object({ ...item, display: z.string(), codes: z.array(ZCodingSchema), clinicalStatus: z.string().nullable(), oncology: z.boolean() })),
  observations: z.array(
    z.object({
      ...item,
      loinc: z.string().nullable(),
      display: z.string(),
      value: z.number().nullable(),
      text: z.string().nullable(),
      unit: z.string().nullable(),
      category: z.string().nullable(),
      /** HbA1c in both units (IFCC mmol/mol and NGSP %), whichever was measured. */
      hba1c: z.object({ mmolMol: z.number(), percent: z.number() }).nullable(),
    }),
  ),
  medications: z.array(z.object({ ...item, kind: z.enum(['request', 'statement']), atc: z.string().nullable(), display: z.string(), status: z.string().nullable(), dosage: z.string().nullable() })),
  procedures: z.array(z.object({ ...item, display: z.string(), code: z.string().nullable() })),
  reports: z.array(z.object({ ...item, display: z.string(), code: z.string().nullable(), conclusion: z.string().nullable() })),
  oncology: z.array(z.object({ ...item, kind: z.string(), label: z.string(), value: z.string().nullable(), code: z.string().nullable() })),
});
export type TRecordOutput = z.infer<typeof ZRecordOutputSchema>;
