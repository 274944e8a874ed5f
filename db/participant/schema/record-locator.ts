import { index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Authority: which providers hold records of a person (national health id). */
export const recordLocation = pgTable(
  'record_location',
  {
    nationalId: text('national_id').notNull(),
    providerId: text('provider_id').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.nationalId, t.providerId] }), index('record_location_provider_idx').on(t.providerId)],
);
