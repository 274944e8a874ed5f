import type { Consent } from '@medplum/fhirtypes';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Authority: one version of a person's consent, a FHIR R4 Consent resource. A change never updates a
 * row: it writes the next version (history kept and shown, as FHIR's _history). The unique
 * (patient, version) pair makes two writers from the same base version collide, so the second is told
 * of the conflict instead of silently overwriting; the unique idempotency key makes a repeated request
 * (a double click) answer with the version it already wrote.
 */
export const consentVersion = pgTable(
  'consent_version',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The Consent resource's logical id: the same for every version of one person's consent. */
    consentId: uuid('consent_id').notNull(),
    patientNationalId: text('patient_national_id').notNull(),
    version: integer('version').notNull(),
    resource: jsonb('resource').$type<Consent>().notNull(),
    source: text('source').$type<'default' | 'patient' | 'steward'>().notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    recordedBy: text('recorded_by').notNull(),
    idempotencyKey: text('idempotency_key'),
    /** The signed consent receipt (compact JWS) given for this version; null for seeded versions. */
    receipt: text('receipt'),
  },
  (t) => [
    uniqueIndex('consent_version_patient_version_idx').on(t.patientNationalId, t.version),
    uniqueIndex('consent_version_idempotency_idx').on(t.patientNationalId, t.idempotencyKey),
    index('consent_version_patient_idx').on(t.patientNationalId),
  ],
);
