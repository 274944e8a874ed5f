import { z } from 'zod';

/** Where an access took place: at a provider (reported to the authority's index) or in this app. */
export const ACCESS_LOG_SOURCES = ['provider', 'app'] as const;

/** The web app's own id in the log: what a person did here, and what clinicians did here. */
export const APP_SOURCE_ID = 'd4h-clinic';

export const ZAccessLogEntrySchema = z.object({
  /** Position in the merged log: `a:<authority index id>` or `b:<app audit seq>`, unique and ordered. */
  key: z.string(),
  recorded: z.string(),
  source: z.enum(ACCESS_LOG_SOURCES),
  /** Who holds the record that was accessed (a provider id, the authority's, or the app's). */
  holderId: z.string(),
  holderName: z.string().nullable(),
  who: z.object({
    id: z.string().nullable(),
    name: z.string().nullable(),
    role: z.string().nullable(),
    organisation: z.string().nullable(),
    organisationName: z.string().nullable(),
  }),
  /** The patient did this themselves. */
  byPatient: z.boolean(),
  purpose: z.string().nullable(),
  /** What happened, as a stable code (`read`, `read-access-log`, an app audit subtype). */
  action: z.string(),
  /** Which data: the data categories a provider answered with. */
  dataCategories: z.array(z.string()),
  agreementId: z.string().nullable(),
  consumerId: z.string().nullable(),
  outcome: z.enum(['allowed', 'denied', 'partial']),
  detail: z.string().nullable(),
  /** Emergency access (break the glass, purpose ETREAT): the reason given and until when it ran. */
  emergency: z.object({ reason: z.string().nullable(), expiresAt: z.string().nullable(), endedAt: z.string().nullable() }).nullable(),
});
export type TAccessLogEntry = z.infer<typeof ZAccessLogEntrySchema>;

/** Keyset cursor of the merged log: the last entry of the previous page. */
export const ZAccessLogCursorSchema = z.object({
  recorded: z.iso.datetime({ offset: true }),
  key: z.string().regex(/^(a:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|b:\d{1,15})$/i),
});
export type TAccessLogCursor = z.infer<typeof ZAccessLogCursorSchema>;

/** The app audit seq as a key that sorts as text in the same order as the number. */
export const appKey = (seq: number) => `b:${String(seq).padStart(15, '0')}`;
export const authorityKey = (id: string) => `a:${id}`;

/** Newest first; at the same instant the larger key first (the order both sources page in). */
export function compareEntries(x: Pick<TAccessLogEntry, 'recorded' | 'key'>, y: Pick<TAccessLogEntry, 'recorded' | 'key'>): number {
  const t = Date.parse(y.recorded) - Date.parse(x.recorded);
  if (t !== 0) return t;
  return x.key < y.key ? 1 : x.key > y.key ? -1 : 0;
}
