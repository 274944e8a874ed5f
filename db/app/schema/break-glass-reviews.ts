import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { breakGlassGrants } from './break-glass-grants';
import { users } from './users';

/**
 * A steward's review of one emergency access: justified or flagged, with a comment (issue 11, steward
 * side). One review per grant; the review is also written to the audit trail (break-glass-reviewed).
 */
export const breakGlassReviews = pgTable('break_glass_review', {
  grantId: uuid('grant_id')
    .primaryKey()
    .references(() => breakGlassGrants.id),
  reviewerId: uuid('reviewer_id')
    .notNull()
    .references(() => users.id),
  verdict: text('verdict').$type<'justified' | 'flagged'>().notNull(),
  comment: text('comment').notNull(),
  reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull().defaultNow(),
});
