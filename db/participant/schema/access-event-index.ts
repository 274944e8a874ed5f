import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Authority: the index of accesses to a person's data, reported by providers (EHDS Art. 9 access log). */
export const accessEventIndex = pgTable(
  'access_event_index',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientNationalId: text('patient_national_id').notNull(),
    providerId: text('provider_id').notNull(),
    auditEventId: text('audit_event_id').notNull(),
    recorded: timestamp('recorded', { withTimezone: true }).notNull(),
    purpose: text('purpose').notNull(),
    consumerId: text('consumer_id'),
    professional: text('professional'),
    professionalRole: text('professional_role'),
    action: text('action').notNull(),
    outcome: text('outcome').$type<'allowed' | 'denied' | 'partial'>().notNull(),
    detail: text('detail'),
  },
  // Unique per (provider, AuditEvent id): a provider resending after a crash adds nothing.
  (t) => [index('access_event_patient_idx').on(t.patientNationalId, t.recorded), uniqueIndex('access_event_audit_uq').on(t.providerId, t.auditEventId)],
);
