import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The web app's state as a dataspace consumer (participant `d4h-clinic`). Negotiations, agreements and
 * transfers are written in one transaction each, so a failure leaves no half-made contract behind.
 * EDR bearer tokens are not stored: they are short-lived secrets, re-fetched from the provider by each
 * web replica; only their expiry is kept, for the steward's view.
 */

/** The consumer's own key pair and its current participant credential from the authority. */
export const dataspaceIdentity = pgTable('dataspace_identity', {
  participantId: text('participant_id').primaryKey(),
  kid: text('kid').notNull(),
  privateJwk: jsonb('private_jwk').notNull(),
  publicJwk: jsonb('public_jwk').notNull(),
  credential: text('credential'),
  credentialExpiresAt: timestamp('credential_expires_at', { withTimezone: true }),
  enrolledAt: timestamp('enrolled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Last catalog each provider gave this consumer (the offers it may negotiate). */
export const dataspaceCatalog = pgTable('dataspace_catalog', {
  providerId: text('provider_id').primaryKey(),
  providerUrl: text('provider_url').notNull(),
  catalog: jsonb('catalog').notNull(),
  fetchedAt: timestamp('fetched_at', { withTimezone: true }).notNull().defaultNow(),
});

export const dataspaceNegotiation = pgTable(
  'dataspace_negotiation',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consumerPid: text('consumer_pid').notNull().unique(),
    providerPid: text('provider_pid'),
    providerId: text('provider_id').notNull(),
    datasetId: text('dataset_id').notNull(),
    purpose: text('purpose').notNull(),
    offer: jsonb('offer').notNull(),
    state: text('state').notNull(),
    terminationReason: text('termination_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dataspace_negotiation_provider_idx').on(t.providerId, t.purpose, t.state)],
);

/** Every state change of a negotiation, in order (the steward sees the whole path and why it ended). */
export const dataspaceNegotiationEvent = pgTable(
  'dataspace_negotiation_event',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    negotiationId: uuid('negotiation_id')
      .notNull()
      .references(() => dataspaceNegotiation.id),
    seq: integer('seq').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    reason: text('reason'),
  },
  (t) => [uniqueIndex('dataspace_negotiation_event_seq_idx').on(t.negotiationId, t.seq)],
);

/** A contract agreement as the provider signed it: assigner, assignee, target, time and the ODRL policy. */
export const dataspaceAgreement = pgTable(
  'dataspace_agreement',
  {
    id: text('id').primaryKey(),
    negotiationId: uuid('negotiation_id')
      .notNull()
      .references(() => dataspaceNegotiation.id),
    providerId: text('provider_id').notNull(),
    datasetId: text('dataset_id').notNull(),
    purpose: text('purpose').notNull(),
    assigner: text('assigner').notNull(),
    assignee: text('assignee').notNull(),
    target: text('target').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    policy: jsonb('policy').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dataspace_agreement_provider_idx').on(t.providerId, t.purpose)],
);

/** A pull transfer on an agreement; the EDR token itself stays in memory, its expiry is recorded here. */
export const dataspaceTransfer = pgTable(
  'dataspace_transfer',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consumerPid: text('consumer_pid').notNull().unique(),
    providerPid: text('provider_pid').notNull(),
    providerId: text('provider_id').notNull(),
    providerUrl: text('provider_url').notNull(),
    agreementId: text('agreement_id')
      .notNull()
      .references(() => dataspaceAgreement.id),
    purpose: text('purpose').notNull(),
    state: text('state').notNull(),
    endpoint: text('endpoint'),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
    tokenRefreshedAt: timestamp('token_refreshed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dataspace_transfer_agreement_idx').on(t.agreementId), index('dataspace_transfer_provider_idx').on(t.providerId, t.purpose, t.state)],
);
