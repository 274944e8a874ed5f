import { z } from 'zod';
import { ZInstant } from '@/server/api/instant';
import { AUDIT_SUBTYPES } from '@/server/audit/audit-codes';
import { ZNationalId } from '@/server/records/national-id';

export const ZVerifyChainOutputSchema = z.object({
  ok: z.boolean(),
  rowsChecked: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), id: z.string(), reason: z.string() }).nullable(),
});

export const AUDIT_OUTCOME_FILTERS = ['success', 'failure'] as const;

/** What the audit page can narrow the trail to; every field is optional and they combine with AND. */
export const ZAuditFiltersSchema = z
  .object({
    /** Recorded at or after this instant (ISO 8601). */
    from: ZInstant.optional(),
    /** Recorded before this instant (ISO 8601). */
    to: ZInstant.optional(),
    /** Events by the user with this e-mail, and sign-ins tried with it. */
    userEmail: z.string().trim().toLowerCase().email().max(254).optional(),
    patientNationalId: ZNationalId.optional(),
    subtype: z.enum(AUDIT_SUBTYPES).optional(),
    outcome: z.enum(AUDIT_OUTCOME_FILTERS).optional(),
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to), { path: ['to'], message: 'The end of the time range must be after its start.', params: { i18n: 'rangeOrder' } });
export type TAuditFilters = z.infer<typeof ZAuditFiltersSchema>;

export const ZListEventsInputSchema = z.object({
  /** Return events older than this sequence number (paging backwards from the newest). */
  cursor: z.number().int().positive().nullish(),
  limit: z.number().int().min(1).max(200).default(50),
  filters: ZAuditFiltersSchema.default({}),
});

export const ZAuditEventRowSchema = z.object({
  seq: z.number().int(),
  recorded: z.string(),
  typeCode: z.string(),
  subtype: z.string(),
  action: z.string(),
  outcome: z.string(),
  outcomeDescription: z.string().nullable(),
  agentUserId: z.string().nullable(),
  /** Name and e-mail of the acting user as they are now in the user table (null for none, or a user since removed). */
  agentName: z.string().nullable(),
  agentEmail: z.string().nullable(),
  agentRole: z.string().nullable(),
  agentOrganisation: z.string().nullable(),
  /** For a sign-in, the e-mail it was tried with (a failed one has no user). */
  attemptedEmail: z.string().nullable(),
  patientNationalId: z.string().nullable(),
  purposeOfUse: z.string().nullable(),
  clientAddress: z.string().nullable(),
  hash: z.string(),
});
export const ZListEventsOutputSchema = z.object({ events: z.array(ZAuditEventRowSchema), nextCursor: z.number().int().nullable() });
