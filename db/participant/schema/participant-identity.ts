import { jsonb, pgTable, text, timestamp, index } from 'drizzle-orm/pg-core';

/** The participant's own signing key pair, generated on first start and kept across restarts. */
export const participantKey = pgTable('participant_key', {
  kid: text('kid').primaryKey(),
  privateJwk: jsonb('private_jwk').notNull(),
  publicJwk: jsonb('public_jwk').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Small facts a participant remembers about itself (seed done, current credential). */
export const participantSetting = pgTable('participant_setting', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Token ids already accepted, kept until they expire: replay protection that survives a restart. */
export const seenToken = pgTable(
  'seen_token',
  {
    jti: text('jti').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('seen_token_expires_idx').on(t.expiresAt)],
);
