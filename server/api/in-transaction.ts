import type { TSignedInContext } from './trpc';

/**
 * Runs a handler's writes and their audit event in one transaction: either the change and its audit
 * record both land, or neither does.
 */
export function inTransaction<T>(ctx: TSignedInContext, work: (txCtx: TSignedInContext) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => work({ ...ctx, db: tx }));
}
