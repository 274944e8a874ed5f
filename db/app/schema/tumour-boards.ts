import { boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { BoardKey, Discipline } from '@/server/oncology/boards/board-kinds';
import type { CaseState } from '@/server/oncology/boards/case-states';
import type { TDecisionContent } from '@/server/oncology/decisions/decision-content';
import { users } from './users';

/** A meeting of one of the shipped boards (server/oncology/boards/board-kinds.ts) with its chair and members. */
export const tumourBoardSessions = pgTable(
  'tumour_board_session',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    board: text('board').$type<BoardKey>().notNull(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    /** The chair signs final decisions: an oncologist of the app. */
    chairId: uuid('chair_id')
      .notNull()
      .references(() => users.id),
    /** Expected members (not all are users of the app: surgeons, radiologists, pathologists). */
    members: jsonb('members').$type<Array<{ name: string; discipline: Discipline }>>().notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('tumour_board_session_date_idx').on(t.scheduledAt)],
);

/** A patient nominated to a session with a question for the board. */
export const tumourBoardCases = pgTable(
  'tumour_board_case',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => tumourBoardSessions.id),
    patientNationalId: text('patient_national_id').notNull(),
    question: text('question').notNull(),
    /** Listed for the record, not discussed: the standard of care applies. */
    standardOfCare: boolean('standard_of_care').notNull().default(false),
    state: text('state').$type<CaseState>().notNull().default('nominated'),
    /** Missing checklist items the nominating oncologist accepted when marking the case ready. */
    acceptedMissing: jsonb('accepted_missing').$type<string[]>().notNull().default([]),
    nominatedBy: uuid('nominated_by')
      .notNull()
      .references(() => users.id),
    nominatedAt: timestamp('nominated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('tumour_board_case_session_idx').on(t.sessionId),
    index('tumour_board_case_patient_idx').on(t.patientNationalId),
    unique('tumour_board_case_once_per_session').on(t.sessionId, t.patientNationalId),
  ],
);

/**
 * The board's decision on a case, one row per version. A draft is edited in place under a revision
 * check (optimistic concurrency); a final version is signed and never changed again; an amendment is
 * a new version with its reason.
 */
export const tumourBoardDecisions = pgTable(
  'tumour_board_decision',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => tumourBoardCases.id),
    version: integer('version').notNull(),
    status: text('status').$type<'draft' | 'final'>().notNull(),
    /** Bumped by every save of a draft; a save naming an older revision is a conflict. */
    revision: integer('revision').notNull().default(1),
    content: jsonb('content').$type<TDecisionContent>().notNull(),
    amendmentReason: text('amendment_reason'),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    signedBy: uuid('signed_by').references(() => users.id),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    /** SHA-256 of the canonical content, version and case at signing: a later edit would not match. */
    contentHash: text('content_hash'),
  },
  (t) => [unique('tumour_board_decision_version').on(t.caseId, t.version)],
);

/** Follow-up of a discussed case at 3, 6 and 12 months (MIRACUM MTB follow-up; RECIST 1.1 response). */
export const tumourBoardFollowUps = pgTable(
  'tumour_board_follow_up',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => tumourBoardCases.id),
    months: integer('months').$type<3 | 6 | 12>().notNull(),
    therapyGiven: boolean('therapy_given').notNull(),
    response: text('response').$type<'CR' | 'PR' | 'SD' | 'PD' | 'NE'>().notNull(),
    adverseEvents: text('adverse_events').notNull(),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('tumour_board_follow_up_once').on(t.caseId, t.months)],
);
