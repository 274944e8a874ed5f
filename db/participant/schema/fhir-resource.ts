import { index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Provider: FHIR resources as JSONB with the search columns extracted at write time, so a search at
 * 100k patients uses a B-tree or GIN index instead of scanning JSON.
 */
export const fhirResource = pgTable(
  'fhir_resource',
  {
    resourceType: text('resource_type').notNull(),
    id: text('id').notNull(),
    datasetId: text('dataset_id').notNull(),
    /** Logical id of the Patient the resource is about (the Patient's own id for a Patient). */
    patientId: text('patient_id'),
    /** National health id of that patient, for consent decisions and the record locator. */
    nationalId: text('national_id'),
    dataCategory: text('data_category').notNull(),
    /** `system|code` tokens of the resource's main code(s), and bare codes. */
    codes: text('codes').array().notNull(),
    /** `system|value` tokens of identifiers (Patient only). */
    identifiers: text('identifiers').array().notNull(),
    /** The clinically relevant date (effective, onset, period start, authored, birthDate). */
    date: timestamp('date', { withTimezone: true }),
    lastUpdated: timestamp('last_updated', { withTimezone: true }).notNull(),
    resource: jsonb('resource').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.resourceType, t.id] }),
    index('fhir_resource_patient_idx').on(t.resourceType, t.patientId, t.date),
    index('fhir_resource_date_idx').on(t.resourceType, t.date),
    index('fhir_resource_codes_idx').using('gin', t.codes),
    index('fhir_resource_identifiers_idx').using('gin', t.identifiers),
    index('fhir_resource_national_idx').on(t.nationalId),
  ],
);
