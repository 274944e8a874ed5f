/**
 * tRPC set-up, in three sections: (1) the request context, (2) initialisation with the one error
 * formatter, (3) the procedure ladder. Each rung narrows `ctx`, so handlers never re-check who is calling.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import type { Database } from '@/db/client';
import type { Role } from '@/server/auth/roles';
import type { SessionUser } from '@/server/auth/session-user';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { APP_ERROR_CODES, AppError } from './app-error';
import { publicError } from './public-error';
import { requestIdScope } from './request-id';

// ─── 1. Context ──────────────────────────────────────────────────────────────────────────────────────

export interface TRPCContext {
  db: Database;
  user: SessionUser | null;
  clientAddress: string;
  requestId: string;
  /** The Origin header of the request and the origins a mutation may come from; null: not checked (in-process callers). */
  origin: { sent: string | null; allowed: ReadonlySet<string> | null };
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
    // No stack, SQL or internal message ever reaches the client (publicError); what it hides is logged
    // here, once, with the request id the client was given.
    errorFormatter({ shape, error, ctx, path }) {
      const requestId = ctx?.requestId ?? requestIdScope.getStore() ?? 'none';
      const { message, zodError, masked } = publicError(error, requestId);
      if (masked) {
        const log = error.code === 'INTERNAL_SERVER_ERROR' ? console.error : console.warn;
        log(`[trpc] request ${requestId} ${path ?? '(no procedure)'} ${error.code}:`, error.cause ?? error.message);
      }
      return { message, code: shape.code, data: { code: shape.data.code, httpStatus: shape.data.httpStatus, zodError } };
    },
  });

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

/** Maps AppError to its tRPC code (the error formatter logs anything unexpected). */
const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.userMessage, cause });
  }
  return result;
});

/** Mutations must come from our own origin (CSRF defence on top of SameSite cookies). */
const originCheck = t.middleware(({ ctx, type, next }) => {
  if (type === 'mutation' && ctx.origin.allowed !== null && !(ctx.origin.sent !== null && ctx.origin.allowed.has(ctx.origin.sent))) {
    throw new AppError(APP_ERROR_CODES.forbidden, 'Cross-origin request refused.');
  }
  return next();
});

// ─── 3. Procedures ───────────────────────────────────────────────────────────────────────────────────

const baseProcedure = t.procedure.use(errorMapping).use(originCheck);

export const publicProcedure = baseProcedure.meta({ access: 'public' });

const requireSession = t.middleware(({ ctx, next }) => {
  if (!ctx.user) throw new AppError(APP_ERROR_CODES.unauthorized, 'Please sign in.');
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
        throw new AppError(APP_ERROR_CODES.forbidden, `This needs the ${roles.join(' or ')} role (${path}).`);
      }
      return next({ ctx });
    });
}
