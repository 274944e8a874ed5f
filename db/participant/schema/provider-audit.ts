import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Provider: every access to its data, allowed or denied, as a FHIR AuditEvent (append-only, see the custom migration). */
export const providerAuditEvent = pgTable(
  'provider_audit_event',
  {
    id: text('id').primaryKey(),
    recorded: timestamp('recorded', { withTimezone: true }).notNull(),
    patientNationalId: text('patient_national_id'),
    consumerId: text('consumer_id'),
    purpose: text('purpose'),
    outcome: text('outcome').notNull(),
    resource: jsonb('resource').notNull(),
  },
  (t) => [index('provider_audit_patient_idx').on(t.patientNationalId, t.recorded)],
);
