import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The `jti` of every CDS client JWT accepted, kept until the token expires: a second call with the same
 * issuer and jti is a replay (CDS Hooks 2.0, "Trusting CDS Clients"; RFC 7519 §4.1.7). In the app DB,
 * not in memory, so that every web replica refuses a token another replica has already accepted.
 */
export const cdsClientTokens = pgTable(
  'cds_client_token',
  {
    issuer: text('issuer').notNull(),
    jti: text('jti').notNull(),
    /** The token's `exp`: after it the row may go, since the token is refused as expired anyway. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.jti] }), index('cds_client_token_expires_idx').on(t.expiresAt)],
);

/**
 * What a clinician did with a card, as the CDS client reports it (CDS Hooks 2.0 feedback): accepted
 * (with the suggestions taken) or overridden (with the reason). One row per feedback entry.
 */
export const cdsFeedback = pgTable(
  'cds_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: text('service_id').notNull(),
    /** The CDS client (JWT `iss`) that reported it. */
    issuer: text('issuer').notNull(),
    cardUuid: text('card_uuid').notNull(),
    outcome: text('outcome', { enum: ['accepted', 'overridden'] }).notNull(),
    acceptedSuggestions: jsonb('accepted_suggestions').$type<string[]>().notNull().default([]),
    /** The override reason as a Coding, when the client sent one of the card's overrideReasons. */
    overrideReason: jsonb('override_reason').$type<{ code: string; system?: string; display?: string }>(),
    userComment: text('user_comment'),
    outcomeTimestamp: timestamp('outcome_timestamp', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('cds_feedback_card_idx').on(t.cardUuid), index('cds_feedback_service_idx').on(t.serviceId, t.receivedAt)],
);
