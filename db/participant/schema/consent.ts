import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Authority: one consent rule of a patient, modelled on FHIR R4 Consent.provision. A null scope column
 * means "any" (any purpose, any organisation, ...). Withdrawal sets `withdrawnAt`; rows are never deleted
 * so the history stays readable.
 */
export const consentRule = pgTable(
  'consent_rule',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientNationalId: text('patient_national_id').notNull(),
    decision: text('decision').$type<'permit' | 'deny'>().notNull(),
    purpose: text('purpose'),
    organisation: text('organisation'),
    professional: text('professional'),
    dataCategory: text('data_category'),
    validFrom: timestamp('valid_from', { withTimezone: true }),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    source: text('source').$type<'default' | 'patient' | 'steward'>().notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    recordedBy: text('recorded_by'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: text('withdrawn_by'),
  },
  (t) => [index('consent_rule_patient_idx').on(t.patientNationalId, t.purpose)],
);
