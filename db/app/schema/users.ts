import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Role } from '@/server/auth/roles';

export const users = pgTable(
  'app_user',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: text('role').$type<Role>().notNull(),
    /** Participant the professional works for (e.g. alzette-hospital); null for patients and admins. */
    organisation: text('organisation'),
    /** National health identifier of a patient user. */
    nationalId: text('national_id').unique(),
    /** Null for a user who signs in only through a hospital's identity provider. */
    passwordHash: text('password_hash'),
    disabled: boolean('disabled').notNull().default(false),
    /** Bumped by "sign out everywhere" and by disabling: every JWT carrying an older version is refused. */
    sessionVersion: integer('session_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('app_user_role_idx').on(t.role)],
);
