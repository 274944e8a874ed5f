import type { GuidanceResponse } from '@medplum/fhirtypes';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * An endocrinologist's decision on a therapy recommendation: the option accepted, or an override with
 * a coded reason and free text (EU AI Act Art. 14: the clinician can disregard the output). The full
 * basis (features with provenance, model version and hash, rule-set version, ranked options) is kept as
 * a FHIR R4 GuidanceResponse the app can export. One row per (clinician, idempotency key): a retried
 * submit finds its row instead of deciding twice.
 */
export const diabetesDecisions = pgTable(
  'diabetes_decision',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clinicianId: uuid('clinician_id')
      .notNull()
      .references(() => users.id),
    idempotencyKey: text('idempotency_key').notNull(),
    patientNationalId: text('patient_national_id').notNull(),
    /** 'accepted' or 'overridden'. */
    action: text('action').notNull(),
    /** The class the clinician chose; null for "no change". */
    chosenClass: text('chosen_class'),
    /** The first-ranked option at decision time; null when nothing was proposed. */
    topClass: text('top_class'),
    overrideReason: text('override_reason'),
    note: text('note'),
    priority: text('priority').notNull(),
    modelVersion: text('model_version'),
    modelSha256: text('model_sha256'),
    ruleSetVersion: text('rule_set_version').notNull(),
    resource: jsonb('resource').$type<GuidanceResponse>().notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('diabetes_decision_idempotency_idx').on(t.clinicianId, t.idempotencyKey),
    index('diabetes_decision_patient_idx').on(t.patientNationalId, t.decidedAt),
  ],
);
