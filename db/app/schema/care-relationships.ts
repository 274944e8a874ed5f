import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/** A clinician may see a patient's data only while a care relationship is in force. */
export const careRelationships = pgTable(
  'care_relationship',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicianId: uuid('clinician_id')
      .notNull()
      .references(() => users.id),
    patientNationalId: text('patient_national_id').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
    until: timestamp('until', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [
    index('care_relationship_clinician_idx').on(t.clinicianId, t.patientNationalId),
    index('care_relationship_patient_idx').on(t.patientNationalId),
  ],
);
