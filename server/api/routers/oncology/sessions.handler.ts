import type { z } from 'zod';
import type { TSignedInContext } from '@/server/api/trpc';
import { BOARD_KEYS, TUMOUR_BOARDS } from '@/server/oncology/boards/board-kinds';
import { casesOfSession } from '@/server/oncology/boards/cases';
import { createSession, listSessions, sessionById } from '@/server/oncology/boards/sessions';
import { sessionProtocol } from '@/server/oncology/boards/session-protocol';
import { inTransaction } from '@/server/api/in-transaction';
import type { ZCreateSessionInputSchema, ZSessionInputSchema, ZSessionsInputSchema } from './sessions.schema';

type Args<S extends z.ZodType> = { ctx: TSignedInContext; input: z.infer<S> };

export function boardsHandler() {
  return BOARD_KEYS.map((key) => ({ key, name: TUMOUR_BOARDS[key].name, quorum: [...TUMOUR_BOARDS[key].quorum] }));
}

export async function createSessionHandler({ ctx, input }: Args<typeof ZCreateSessionInputSchema>) {
  const row = await inTransaction(ctx, (tx) => createSession(tx, input));
  return { id: row.id };
}

export function sessionsHandler({ ctx, input }: Args<typeof ZSessionsInputSchema>) {
  // "Upcoming" keeps today's sessions until the day ends.
  const from = input.includePast ? new Date(0) : new Date(Date.now() - 24 * 3600_000);
  return listSessions(ctx, from);
}

export async function sessionHandler({ ctx, input }: Args<typeof ZSessionInputSchema>) {
  const { chairId, ...session } = await sessionById(ctx, input.sessionId);
  return { ...session, isChair: chairId === ctx.user.id, cases: await casesOfSession(ctx, input.sessionId) };
}

export function protocolHandler({ ctx, input }: Args<typeof ZSessionInputSchema>) {
  return sessionProtocol(ctx, input.sessionId);
}
