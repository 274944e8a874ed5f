import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Provider: access events waiting to reach the authority's access-log index. Written in the same
 * transaction as the AuditEvent, so an event exists here exactly when its AuditEvent does (a crash
 * cannot lose one); deleted once the authority has acknowledged it. The authority deduplicates on
 * (provider, audit event id), so a resend after a crash between "sent" and "deleted" is harmless.
 */
export const accessEventOutbox = pgTable(
  'access_event_outbox',
  {
    auditEventId: text('audit_event_id').primaryKey(),
    report: jsonb('report').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('access_event_outbox_due_idx').on(t.nextAttemptAt)],
);
