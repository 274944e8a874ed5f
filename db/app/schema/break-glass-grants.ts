import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * Emergency ("break-the-glass") access of a clinician to a patient outside their care: given with a
 * reason, for a limited time, purpose ETREAT, audited when it starts (DICOM 110127) and ends (110128).
 */
export const breakGlassGrants = pgTable(
  'break_glass_grant',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicianId: uuid('clinician_id')
      .notNull()
      .references(() => users.id),
    patientNationalId: text('patient_national_id').notNull(),
    reason: text('reason').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Set when the clinician ends it early; an expired grant simply lapses. */
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('break_glass_grant_clinician_idx').on(t.clinicianId, t.patientNationalId, t.expiresAt)],
);
