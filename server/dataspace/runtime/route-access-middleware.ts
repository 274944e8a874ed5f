import type { Context, Handler, Hono, MiddlewareHandler } from 'hono';
import type { VerifiedParticipant } from '@/server/dataspace/protocol/participant-token';
import { authorise, findRule, type AccessRefusal, type AccessVerifiers, type RouteCaller, type RouteRule } from './route-access';

export type AccessEnv = { Variables: { access: RouteCaller; participant: VerifiedParticipant } };

/** How a participant words a refusal on a path (DSP error messages on DSP routes, OperationOutcome on FHIR). */
export type RefusalShape = (c: Context, refusal: AccessRefusal) => Response;

const plainRefusal: RefusalShape = (c, r) => c.json({ error: r.error, detail: r.detail }, r.status);

/**
 * The one door of a participant: every request needs a declared rule (none → 404, exactly like a path
 * that does not exist, so deny is the default) and a caller the rule admits. Handlers read who called
 * from `c.get('access')` (and `c.get('participant')` for a participant token) and never check again.
 */
export function enforceRouteAccess(rules: readonly RouteRule[], verifiers: AccessVerifiers, shape: RefusalShape = plainRefusal): MiddlewareHandler<AccessEnv> {
  return async (c, next) => {
    const rule = findRule(rules, c.req.method, c.req.path);
    if (!rule) return c.json({ error: 'not-found' }, 404);
    const result = await authorise(rule, (name) => c.req.header(name), verifiers);
    if (!result.ok) return shape(c, result.refusal);
    c.set('access', result.caller);
    if (result.caller.participant) c.set('participant', result.caller.participant);
    await next();
  };
}

/** Registers a handler at its rule's method and path, so the route and its rule cannot drift apart. */
export function onRule<E extends AccessEnv, P extends string>(app: Hono<E>, rule: RouteRule & { path: P }, handler: Handler<E, P>): void {
  app.on(rule.method, rule.path, handler);
}
