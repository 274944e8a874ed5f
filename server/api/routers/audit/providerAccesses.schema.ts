import { z } from 'zod';
import { ZInstant } from '@/server/api/instant';
import { ZNationalId } from '@/server/records/national-id';

/** The steward's search of every provider's accesses; fields combine with AND. */
export const ZProviderAccessFiltersSchema = z
  .object({
    patientNationalId: ZNationalId.optional(),
    /** A clinician's e-mail (what the providers' audit names them by). */
    userEmail: z.string().trim().toLowerCase().email().max(254).optional(),
    provider: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/).optional(),
    purpose: z.string().regex(/^[A-Z]{2,12}$/).optional(),
    outcome: z.enum(['allowed', 'denied', 'partial']).optional(),
    from: ZInstant.optional(),
    to: ZInstant.optional(),
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to), { path: ['to'], message: 'The end of the time range must be after its start.', params: { i18n: 'rangeOrder' } });
export type TProviderAccessFilters = z.infer<typeof ZProviderAccessFiltersSchema>;

const ZCursor = z.object({ beforeRecorded: ZInstant, beforeId: z.uuid() });

export const ZProviderAccessesInputSchema = z.object({ filters: ZProviderAccessFiltersSchema.default({}), cursor: ZCursor.nullish(), limit: z.number().int().min(1).max(200).default(50) });

export const ZProviderAccessRowSchema = z.object({
  id: z.string(),
  recorded: z.string(),
  patientNationalId: z.string(),
  providerId: z.string(),
  professional: z.string().nullable(),
  professionalName: z.string().nullable(),
  professionalRole: z.string().nullable(),
  organisation: z.string().nullable().optional(),
  purpose: z.string(),
  outcome: z.enum(['allowed', 'denied', 'partial']),
  action: z.string(),
  detail: z.string().nullable(),
  agreementId: z.string().nullable().optional(),
  dataCategories: z.array(z.string()).optional(),
});
export const ZProviderAccessesOutputSchema = z.object({ ok: z.boolean(), detail: z.string().nullable(), rows: z.array(ZProviderAccessRowSchema), nextCursor: ZCursor.nullable() });
