import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The app's audit trail, modelled on FHIR R4 AuditEvent. Append-only: triggers (migration
 * `audit_append_only`) refuse UPDATE and DELETE, and each row carries SHA-256(previous hash ‖ canonical
 * row) so that an edit made around the triggers is found by the verifier.
 */
export const auditEvents = pgTable(
  'audit_event',
  {
    /** Position in the chain: 1, 2, 3, … assigned under an advisory lock, never a sequence with gaps. */
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    /** AuditEvent.type (DICOM / HL7 audit event type code), e.g. 110114 User Authentication, rest. */
    typeCode: text('type_code').notNull(),
    /** AuditEvent.subtype, e.g. login, logout, read, search, consent-change. */
    subtype: text('subtype').notNull(),
    /** AuditEvent.action: C R U D E. */
    action: text('action').notNull(),
    recorded: timestamp('recorded', { withTimezone: true, mode: 'string' }).notNull(),
    /** AuditEvent.outcome: 0 success, 4 minor failure, 8 serious failure, 12 major failure. */
    outcome: text('outcome').notNull(),
    outcomeDescription: text('outcome_description'),
    agentUserId: text('agent_user_id'),
    agentRole: text('agent_role'),
    agentOrganisation: text('agent_organisation'),
    patientNationalId: text('patient_national_id'),
    /** What was touched, e.g. { type: 'Observation', query: 'code=4548-4' } or { type: 'User', id }. */
    entity: jsonb('entity').$type<Record<string, unknown>>(),
    /** v3 ActReason purpose of use, e.g. TREAT, ETREAT, HRESCH. */
    purposeOfUse: text('purpose_of_use'),
    source: text('source').notNull(),
    clientAddress: text('client_address'),
    requestId: text('request_id'),
    previousHash: text('previous_hash').notNull(),
    hash: text('hash').notNull(),
  },
  // The steward's audit page filters by patient, user, e-mail tried, event type and outcome and pages
  // backwards by seq (keyset), so each filter has an index ending in seq; a time range narrows by recorded.
  (t) => [
    index('audit_event_patient_seq_idx').on(t.patientNationalId, t.seq),
    index('audit_event_agent_seq_idx').on(t.agentUserId, t.seq),
    index('audit_event_subtype_seq_idx').on(t.subtype, t.seq),
    index('audit_event_outcome_seq_idx').on(t.outcome, t.seq),
    // The e-mail a sign-in was tried with lives in the hashed entity (see record-audit-event.ts).
    index('audit_event_entity_email_seq_idx').on(sql`(${t.entity}->>'email')`, t.seq),
    index('audit_event_recorded_idx').on(t.recorded),
  ],
);
