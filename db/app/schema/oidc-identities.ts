import { index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * A user's account at a hospital's identity provider: the (issuer, subject) pair OpenID Connect promises
 * is stable (Core 1.0 §2), by which later sign-ins and back-channel logouts find the user.
 */
export const oidcIdentities = pgTable(
  'oidc_identity',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('oidc_identity_issuer_subject_key').on(t.issuer, t.subject), index('oidc_identity_user_idx').on(t.userId)],
);
