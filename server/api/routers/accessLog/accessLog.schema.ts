import { z } from 'zod';
import { ZInstant, ZInstantDate } from '@/server/api/instant';
import { ZAccessLogCursorSchema, ZAccessLogEntrySchema } from '@/server/consent/access-log/access-log-entry';

/** Purposes of use a log can be narrowed to (HL7 v3 ActReason, as the dataspace's offers use them). */
export const ACCESS_LOG_PURPOSES = ['TREAT', 'ETREAT', 'HRESCH', 'PATRQT', 'MLTRAIN', 'PUBHLTH', 'HOPERAT'] as const;

export const ZAccessLogFiltersSchema = z
  .object({
    from: ZInstant.optional(),
    to: ZInstant.optional(),
    provider: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'A provider is named by its participant id.').optional(),
    purpose: z.enum(ACCESS_LOG_PURPOSES).optional(),
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) < Date.parse(f.to), { path: ['to'], message: 'The end of the time range must be after its start.', params: { i18n: 'rangeOrder' } });
export type TAccessLogFilters = z.infer<typeof ZAccessLogFiltersSchema>;

export const ZAccessLogListInputSchema = z.object({
  filters: ZAccessLogFiltersSchema.default({}),
  cursor: ZAccessLogCursorSchema.extend({ recorded: ZInstant }).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});

export const ZAccessLogListOutputSchema = z.object({
  entries: z.array(ZAccessLogEntrySchema),
  nextCursor: ZAccessLogCursorSchema.nullable(),
  authority: z.object({ ok: z.boolean(), detail: z.string().nullable() }),
  /** The person's previous visit: entries recorded after it are new to them. */
  lastVisitAt: z.date().nullable(),
  /** When this page was read (what `markSeen` is given). */
  servedAt: z.date(),
});

export const ZAccessLogNotificationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('emergency'), entry: ZAccessLogEntrySchema }),
  z.object({ kind: z.literal('new-organisation'), organisation: z.string(), organisationName: z.string().nullable(), entry: ZAccessLogEntrySchema }),
]);
export const ZAccessLogNotificationsOutputSchema = z.object({
  notifications: z.array(ZAccessLogNotificationSchema),
  lastVisitAt: z.date().nullable(),
  authority: z.object({ ok: z.boolean(), detail: z.string().nullable() }),
});

export const ZMarkSeenInputSchema = z.object({ seenUpTo: ZInstantDate });
export const ZMarkSeenOutputSchema = z.object({ lastVisitAt: z.date() });
