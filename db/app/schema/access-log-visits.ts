import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * A patient's last look at their access log: accesses recorded after `lastVisitAt` are marked new, and
 * organisations missing from `knownOrganisations` raise a "first access by …" notification (issue 11).
 */
export const accessLogVisits = pgTable('access_log_visit', {
  patientNationalId: text('patient_national_id').primaryKey(),
  lastVisitAt: timestamp('last_visit_at', { withTimezone: true }).notNull(),
  /** Organisations (the professional's own, else the provider) that had accessed the record by the last visit. */
  knownOrganisations: text('known_organisations').array().notNull().default([]),
});
