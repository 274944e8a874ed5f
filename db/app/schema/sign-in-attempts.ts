import { boolean, index, pgTable, text, timestamp, bigserial } from 'drizzle-orm/pg-core';

/**
 * Sign-in attempts, kept in the database (not in process memory) so that the rate limit holds across
 * web replicas.
 */
export const signInAttempts = pgTable(
  'sign_in_attempt',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    clientAddress: text('client_address').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_attempt_email_idx').on(t.email, t.at), index('sign_in_attempt_address_idx').on(t.clientAddress, t.at)],
);
