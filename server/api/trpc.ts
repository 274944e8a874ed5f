/**
 * tRPC set-up, in three sections: (1) the request context, (2) initialisation with the one error
 * formatter, (3) the procedure ladder. Each rung narrows `ctx`, so handlers never re-check who is calling.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { z } from 'zod';
import type { Database } from '@/db/client';
import type { Role } from '@/server/auth/roles';
import type { SessionUser } from '@/server/auth/session-user';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { AppError } from './app-error';

// ─── 1. Context ──────────────────────────────────────────────────────────────────────────────────────

export interface TRPCContext {
  db: Database;
  user: SessionUser | null;
  clientAddress: string;
  requestId: string;
  /** The Origin header of the request and the origin it must equal for a mutation. */
  origin: { sent: string | null; expected: string | null };
}

/** The context of a procedure behind a session check. */
export type TSignedInContext = TRPCContext & { user: SessionUser };

// ─── 2. Initialisation ───────────────────────────────────────────────────────────────────────────────

/** Who may call a procedure: the roles, or 'public' for no session at all. Declared on every procedure. */
export interface ProcedureMeta {
  access: readonly Role[] | 'public' | 'signed-in';
}

const t = initTRPC
  .context<TRPCContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    // No stack, SQL or internal message ever reaches the client: only AppError messages and zod issues.
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const zodError = cause instanceof z.ZodError ? z.flattenError(cause) : null;
      const message =
        cause instanceof AppError
          ? cause.userMessage
          : zodError
            ? 'The request is not valid.'
            : error.code === 'INTERNAL_SERVER_ERROR'
              ? 'Something went wrong on our side. The error was logged.'
              : error.message;
      return { message, code: shape.code, data: { code: shape.data.code, httpStatus: shape.data.httpStatus, zodError } };
    },
  });

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

/** Maps AppError to its tRPC code; logs anything unexpected once, server-side. */
const errorMapping = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) throw new TRPCError({ code: cause.code, message: cause.userMessage, cause });
    if (result.error.code === 'INTERNAL_SERVER_ERROR') console.error(`[trpc] ${path}`, result.error.cause ?? result.error);
  }
  return result;
});

/** Mutations must come from our own origin (CSRF defence on top of SameSite cookies). */
const originCheck = t.middleware(({ ctx, type, next }) => {
  if (type === 'mutation' && ctx.origin.expected !== null && ctx.origin.sent !== ctx.origin.expected) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Cross-origin request refused.' });
  }
  return next();
});

// ─── 3. Procedures ───────────────────────────────────────────────────────────────────────────────────

const baseProcedure = t.procedure.use(errorMapping).use(originCheck);

export const publicProcedure = baseProcedure.meta({ access: 'public' });

const requireSession = t.middleware(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in.' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Any signed-in user, whatever the role. */
export const protectedProcedure = baseProcedure.meta({ access: 'signed-in' }).use(requireSession);

/** A signed-in user holding one of `roles`; others get FORBIDDEN naming the permission, and an audit event. */
export function roleProcedure(...roles: Role[]) {
  return baseProcedure
    .meta({ access: roles })
    .use(requireSession)
    .use(async ({ ctx, next, path }) => {
      if (!roles.includes(ctx.user.role)) {
        await recordAuditEvent(ctx.db, {
          typeCode: AUDIT_TYPES.securityAlert,
          subtype: AUDIT_SUBTYPES.accessDenied,
          action: AUDIT_ACTIONS.execute,
          outcome: AUDIT_OUTCOMES.minorFailure,
          outcomeDescription: `role ${ctx.user.role} may not call ${path}`,
          agent: { userId: ctx.user.id, role: ctx.user.role, organisation: ctx.user.organisation },
          entity: { type: 'procedure', path },
          clientAddress: ctx.clientAddress,
          requestId: ctx.requestId,
        });
        throw new TRPCError({ code: 'FORBIDDEN', message: `This needs the ${roles.join(' or ')} role (${path}).` });
      }
      return next({ ctx });
    });
}
