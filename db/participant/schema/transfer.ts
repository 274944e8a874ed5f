import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** A transfer process (HttpData-PULL) as this participant sees it. */
export const transferProcess = pgTable(
  'transfer_process',
  {
    pid: text('pid').primaryKey(),
    role: text('role').$type<'provider' | 'consumer'>().notNull(),
    providerPid: text('provider_pid').notNull(),
    consumerPid: text('consumer_pid').notNull(),
    counterpartyId: text('counterparty_id').notNull(),
    agreementId: text('agreement_id').notNull(),
    format: text('format').notNull(),
    state: text('state').notNull(),
    callbackAddress: text('callback_address'),
    // The key thumbprint of the consumer's credential at its request: an EDR the provider sends later on
    // its own (a start after REQUESTED, a resume) is bound to it as the first one is.
    consumerJkt: text('consumer_jkt'),
    reason: text('reason'),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('transfer_process_counterparty_uq').on(t.role, t.counterpartyId, t.consumerPid)],
);

/** Every state change of a transfer process, with the message that caused it (the steward pages show it). */
export const transferHistory = pgTable(
  'transfer_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pid: text('pid')
      .notNull()
      .references(() => transferProcess.pid),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    event: text('event').notNull(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('transfer_history_pid_idx').on(t.pid, t.at)],
);
