import { and, asc, count, eq, gte, inArray } from 'drizzle-orm';
import type { TSignedInContext } from '@/server/api/trpc';
import { AppError } from '@/server/api/app-error';
import { tumourBoardCases, tumourBoardSessions } from '@/db/app/schema/tumour-boards';
import { users } from '@/db/app/schema/users';
import { AUDIT_ACTIONS, AUDIT_SUBTYPES } from '@/server/audit/audit-codes';
import { recordUserAction } from '@/server/audit/record-user-action';
import type { BoardKey, Discipline } from './board-kinds';
import type { CaseState } from './case-states';

export interface TSessionInput {
  board: BoardKey;
  scheduledAt: Date;
  members: Array<{ name: string; discipline: Discipline }>;
}

/** Schedules a session of a board; the oncologist who schedules it chairs it and signs its decisions. */
export async function createSession(ctx: TSignedInContext, input: TSessionInput) {
  const [row] = await ctx.db.insert(tumourBoardSessions).values({ board: input.board, scheduledAt: input.scheduledAt, members: input.members, chairId: ctx.user.id, createdBy: ctx.user.id }).returning();
  if (!row) throw new Error('session insert returned nothing');
  await recordUserAction(ctx, { subtype: AUDIT_SUBTYPES.decision, action: AUDIT_ACTIONS.create, entity: { type: 'TumourBoardSession', id: row.id, board: row.board, scheduledAt: row.scheduledAt.toISOString() } });
  return row;
}

/** Sessions from a day on, earliest first, with how many cases each holds per state. */
export async function listSessions(ctx: TSignedInContext, from: Date) {
  const sessions = await ctx.db
    .select({ id: tumourBoardSessions.id, board: tumourBoardSessions.board, scheduledAt: tumourBoardSessions.scheduledAt, chairName: users.name, members: tumourBoardSessions.members })
    .from(tumourBoardSessions)
    .innerJoin(users, eq(users.id, tumourBoardSessions.chairId))
    .where(gte(tumourBoardSessions.scheduledAt, from))
    .orderBy(asc(tumourBoardSessions.scheduledAt))
    .limit(200);
  const ids = sessions.map((s) => s.id);
  const counts = ids.length
    ? await ctx.db
        .select({ sessionId: tumourBoardCases.sessionId, state: tumourBoardCases.state, n: count() })
        .from(tumourBoardCases)
        .where(inArray(tumourBoardCases.sessionId, ids))
        .groupBy(tumourBoardCases.sessionId, tumourBoardCases.state)
    : [];
  return sessions.map((s) => {
    const byState: Record<CaseState, number> = { nominated: 0, ready: 0, discussed: 0, 'follow-up': 0 };
    for (const c of counts) if (c.sessionId === s.id) byState[c.state] = Number(c.n);
    return { ...s, cases: byState };
  });
}

/** One session with its chair, or NOT_FOUND. */
export async function sessionById(ctx: TSignedInContext, sessionId: string) {
  const [row] = await ctx.db
    .select({ id: tumourBoardSessions.id, board: tumourBoardSessions.board, scheduledAt: tumourBoardSessions.scheduledAt, members: tumourBoardSessions.members, chairId: tumourBoardSessions.chairId, chairName: users.name })
    .from(tumourBoardSessions)
    .innerJoin(users, eq(users.id, tumourBoardSessions.chairId))
    .where(and(eq(tumourBoardSessions.id, sessionId)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', 'No such tumour-board session.');
  return row;
}
