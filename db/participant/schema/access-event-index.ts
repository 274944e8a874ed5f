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
    /** The professional's own organisation and the agreement the read was made under (null in events reported before they were). */
    organisation: text('organisation'),
    agreementId: text('agreement_id'),
    dataCategories: text('data_categories').array().notNull().default([]),
    action: text('action').notNull(),
    outcome: text('outcome').$type<'allowed' | 'denied' | 'partial'>().notNull(),
    detail: text('detail'),
  },
  // A person's log, and the steward's search across everyone, page newest first by keyset on (recorded, id).
  // Unique per (provider, AuditEvent id): a provider resending after a crash adds nothing.
  (t) => [index('access_event_patient_idx').on(t.patientNationalId, t.recorded, t.id), index('access_event_recorded_idx').on(t.recorded, t.id), uniqueIndex('access_event_audit_uq').on(t.providerId, t.auditEventId)],
);
