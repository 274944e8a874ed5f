import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * Sessions ended by a plain sign-out: the JWT's session id, refused from then on even if a copy of the
 * cookie is replayed. A row is needed only while such a JWT could still be valid (the absolute session
 * limit after sign-in); older rows are pruned.
 */
export const revokedSessions = pgTable(
  'revoked_session',
  {
    sessionId: uuid('session_id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the session would have ended anyway (sign-in + absolute limit): the row may go after that. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('revoked_session_expires_idx').on(t.expiresAt)],
);
