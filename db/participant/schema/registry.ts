import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Authority: the participants of the dataspace, their public keys and standing. */
export const registryParticipant = pgTable('registry_participant', {
  id: text('id').primaryKey(),
  legalName: text('legal_name').notNull(),
  kind: text('kind').notNull(),
  roles: jsonb('roles').$type<string[]>().notNull(),
  baseUrl: text('base_url'),
  jwks: jsonb('jwks'),
  status: text('status').$type<'pending' | 'active' | 'revoked'>().notNull(),
  registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
  revocationReason: text('revocation_reason'),
});

/** Authority: every credential it signed; a revoked one is refused even before it expires. */
export const issuedCredential = pgTable(
  'issued_credential',
  {
    jti: text('jti').primaryKey(),
    participantId: text('participant_id')
      .notNull()
      .references(() => registryParticipant.id),
    jkt: text('jkt').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('issued_credential_participant_idx').on(t.participantId)],
);
