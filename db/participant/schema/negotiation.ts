import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A contract negotiation as this participant sees it (`role` says which side it is on). */
export const contractNegotiation = pgTable(
  'contract_negotiation',
  {
    /** Our own process id (providerPid on the provider side, consumerPid on the consumer side). */
    pid: text('pid').primaryKey(),
    role: text('role').$type<'provider' | 'consumer'>().notNull(),
    providerPid: text('provider_pid').notNull(),
    consumerPid: text('consumer_pid').notNull(),
    counterpartyId: text('counterparty_id').notNull(),
    state: text('state').notNull(),
    datasetId: text('dataset_id').notNull(),
    offerId: text('offer_id').notNull(),
    offer: jsonb('offer').notNull(),
    purpose: text('purpose'),
    callbackAddress: text('callback_address'),
    agreementId: text('agreement_id'),
    terminationReason: text('termination_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // A retried ContractRequestMessage (same consumer, same consumerPid) finds the row instead of adding one.
  (t) => [uniqueIndex('contract_negotiation_counterparty_uq').on(t.role, t.counterpartyId, t.consumerPid)],
);

/** Every state change, with the message that caused it: the steward pages show this history. */
export const negotiationHistory = pgTable(
  'negotiation_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pid: text('pid')
      .notNull()
      .references(() => contractNegotiation.pid),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    event: text('event').notNull(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('negotiation_history_pid_idx').on(t.pid, t.at)],
);

/** A concluded agreement: assigner, assignee, target, timestamp and the policy (ODRL Agreement JSON). */
export const contractAgreement = pgTable(
  'contract_agreement',
  {
    id: text('id').primaryKey(),
    negotiationPid: text('negotiation_pid')
      .notNull()
      .references(() => contractNegotiation.pid),
    assigner: text('assigner').notNull(),
    assignee: text('assignee').notNull(),
    target: text('target').notNull(),
    purpose: text('purpose').notNull(),
    policy: jsonb('policy').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('contract_agreement_assignee_idx').on(t.assignee)],
);
