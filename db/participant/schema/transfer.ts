import { pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

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
    reason: text('reason'),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('transfer_process_counterparty_uq').on(t.role, t.counterpartyId, t.consumerPid)],
);
