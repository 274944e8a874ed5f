import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { accessEventIndex } from '@/db/participant/schema/access-event-index';
import { recordLocation } from '@/db/participant/schema/record-locator';
import { onRule, type AccessEnv } from '@/server/dataspace/runtime/route-access-middleware';
import type { RouteCaller, RouteRule } from '@/server/dataspace/runtime/route-access';
import { ZNationalId } from '@/server/records/national-id';
import type { AuthorityContext } from './authority-context';
import { problem } from './problem';

/** The access-event index's routes (EHDS Art. 9: a person's log of who accessed their data). */
export const ACCESS_EVENT_ROUTES = {
  // A provider reports its own reads, about people it holds (record locator).
  report: { method: 'POST', path: '/access-events', access: ['participant:provider'] },
  // The person, through the portal, or a steward (whose read is itself logged).
  read: { method: 'GET', path: '/access-events', access: ['patient-assertion', 'steward'] },
  // A steward's audit search across every person and provider; each person found is told (their log).
  search: { method: 'GET', path: '/access-events/search', access: ['steward'] },
} as const satisfies Record<string, RouteRule>;

const ZAccessEvents = z.object({
  events: z
    .array(
      z.object({
        patient: ZNationalId,
        auditEventId: z.string().min(1),
        recorded: z.coerce.date(),
        purpose: z.string().min(1),
        consumerId: z.string().nullable(),
        professional: z.string().nullable(),
        professionalRole: z.string().nullable(),
        organisation: z.string().max(200).nullable().default(null),
        agreementId: z.string().max(200).nullable().default(null),
        dataCategories: z.array(z.string().max(100)).max(50).default([]),
        action: z.string().min(1),
        outcome: z.enum(['allowed', 'denied', 'partial']),
        detail: z.string().max(500).nullable(),
      }),
    )
    .max(1000),
});

/** Max events per page of a person's log; the default keeps what callers got before paging existed. */
export const ACCESS_LOG_MAX_PAGE = 500;

/**
 * A page of a person's log: narrowed by time, provider and purpose, newest first, paged by keyset on
 * (recorded, id) so page n costs what page 1 costs (the (patient, recorded) index serves every filter).
 */
const ZAccessLogQuery = z
  .object({
    patient: ZNationalId,
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    provider: z.string().min(1).max(100).optional(),
    purpose: z.string().min(1).max(100).optional(),
    /** Keyset cursor: the recorded instant and id of the last event of the previous page. */
    beforeRecorded: z.iso.datetime({ offset: true }).optional(),
    // Any uuid-shaped id, including the max UUID a caller uses to mean "everything at that instant".
    beforeId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i).optional(),
    limit: z.coerce.number().int().min(1).max(ACCESS_LOG_MAX_PAGE).default(ACCESS_LOG_MAX_PAGE),
  })
  .refine((q) => (q.beforeRecorded === undefined) === (q.beforeId === undefined), { message: 'beforeRecorded and beforeId go together', path: ['beforeId'] });

function accessLogConditions(q: z.infer<typeof ZAccessLogQuery>): SQL[] {
  const t = accessEventIndex;
  const conditions: SQL[] = [eq(t.patientNationalId, q.patient)];
  if (q.from) conditions.push(gte(t.recorded, new Date(q.from)));
  if (q.to) conditions.push(lt(t.recorded, new Date(q.to)));
  if (q.provider) conditions.push(eq(t.providerId, q.provider));
  if (q.purpose) conditions.push(eq(t.purpose, q.purpose));
  if (q.beforeRecorded && q.beforeId) {
    const at = new Date(q.beforeRecorded);
    const before = or(lt(t.recorded, at), and(eq(t.recorded, at), lt(t.id, q.beforeId)));
    if (before) conditions.push(before);
  }
  return conditions;
}

/** A steward's search across the index: any combination of person, professional, provider, purpose, outcome, time. */
const ZAccessSearchQuery = z
  .object({
    patient: ZNationalId.optional(),
    professional: z.string().min(1).max(254).optional(),
    provider: z.string().min(1).max(100).optional(),
    purpose: z.string().min(1).max(100).optional(),
    outcome: z.enum(['allowed', 'denied', 'partial']).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    beforeRecorded: z.iso.datetime({ offset: true }).optional(),
    beforeId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i).optional(),
    limit: z.coerce.number().int().min(1).max(ACCESS_LOG_MAX_PAGE).default(100),
  })
  .refine((q) => (q.beforeRecorded === undefined) === (q.beforeId === undefined), { message: 'beforeRecorded and beforeId go together', path: ['beforeId'] });

function searchConditions(q: z.infer<typeof ZAccessSearchQuery>): SQL[] {
  const t = accessEventIndex;
  const conditions: SQL[] = [];
  if (q.patient) conditions.push(eq(t.patientNationalId, q.patient));
  if (q.professional) conditions.push(eq(t.professional, q.professional));
  if (q.provider) conditions.push(eq(t.providerId, q.provider));
  if (q.purpose) conditions.push(eq(t.purpose, q.purpose));
  if (q.outcome) conditions.push(eq(t.outcome, q.outcome));
  if (q.from) conditions.push(gte(t.recorded, new Date(q.from)));
  if (q.to) conditions.push(lt(t.recorded, new Date(q.to)));
  if (q.beforeRecorded && q.beforeId) {
    const at = new Date(q.beforeRecorded);
    const before = or(lt(t.recorded, at), and(eq(t.recorded, at), lt(t.id, q.beforeId)));
    if (before) conditions.push(before);
  }
  return conditions;
}

/**
 * The patient this caller may read about: the asserted patient only (another patient's id is refused),
 * or any patient for a steward. Answers a refusal when the query names someone else.
 */
export function patientInScope(c: Context, caller: RouteCaller, patient: string): Response | null {
  if (caller.patient && caller.patient.nationalId !== patient) return problem(c, 403, 'not-this-patient', 'a patient assertion gives access to that patient\'s own consents and access log only');
  return null;
}

/** A steward looked at a person's consents or access log: it goes into that person's access log, with its purpose. */
export async function logStewardAccess(ctx: AuthorityContext, caller: RouteCaller, patient: string | readonly string[], action: string): Promise<void> {
  if (!caller.steward) return;
  const steward = caller.steward;
  const patients = typeof patient === 'string' ? [patient] : [...new Set(patient)];
  if (patients.length === 0) return;
  await ctx.db.insert(accessEventIndex).values(patients.map((p) => ({
    patientNationalId: p,
    providerId: ctx.id,
    auditEventId: `urn:uuid:${randomUUID()}`,
    recorded: new Date(),
    purpose: steward.purpose.slice(0, 100),
    consumerId: caller.participant?.participantId ?? null,
    professional: steward.userId,
    professionalRole: 'steward',
    organisation: ctx.id,
    action,
    outcome: 'allowed' as const,
    detail: null,
  })));
}

export function registerAccessEventIndex(app: Hono<AccessEnv>, ctx: AuthorityContext): void {
  const { db } = ctx;

  onRule(app, ACCESS_EVENT_ROUTES.report, async (c) => {
    const parsed = ZAccessEvents.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return problem(c, 400, 'invalid-access-events', z.flattenError(parsed.error));
    const provider = c.get('participant').participantId;
    const events = parsed.data.events;
    if (events.length === 0) return c.json({ indexed: 0, duplicates: 0 });
    // Only about people this provider holds: anyone else's log cannot be written into (all or nothing).
    const patients = [...new Set(events.map((e) => e.patient))];
    const held = new Set((await db.select({ id: recordLocation.nationalId }).from(recordLocation).where(and(eq(recordLocation.providerId, provider), inArray(recordLocation.nationalId, patients)))).map((r) => r.id));
    const foreign = patients.filter((p) => !held.has(p));
    if (foreign.length > 0) return problem(c, 403, 'not-your-patient', `${provider} holds no record of ${foreign.length} of these people (record locator); nothing was indexed`);
    // A provider resends what it could not confirm was received: an event id it already reported is ignored.
    const added = await db
      .insert(accessEventIndex)
      .values(events.map((e) => ({ patientNationalId: e.patient, providerId: provider, auditEventId: e.auditEventId, recorded: e.recorded, purpose: e.purpose, consumerId: e.consumerId, professional: e.professional, professionalRole: e.professionalRole, organisation: e.organisation, agreementId: e.agreementId, dataCategories: e.dataCategories, action: e.action, outcome: e.outcome, detail: e.detail })))
      .onConflictDoNothing({ target: [accessEventIndex.providerId, accessEventIndex.auditEventId] })
      .returning({ id: accessEventIndex.id });
    // `duplicates`: ids this provider had reported before (a resend after a crash), acknowledged but not added again.
    return c.json({ indexed: added.length, duplicates: events.length - added.length });
  });

  onRule(app, ACCESS_EVENT_ROUTES.read, async (c) => {
    const query = ZAccessLogQuery.safeParse(c.req.query());
    if (!query.success) {
      const patientIssue = query.error.issues.some((i) => i.path[0] === 'patient');
      return patientIssue ? problem(c, 400, 'patient-required', 'query parameter patient must be a 13-digit national health id') : problem(c, 400, 'invalid-access-log-query', z.flattenError(query.error));
    }
    const q = query.data;
    const caller = c.get('access');
    const refused = patientInScope(c, caller, q.patient);
    if (refused) return refused;
    await logStewardAccess(ctx, caller, q.patient, 'read-access-log');
    const rows = await db
      .select()
      .from(accessEventIndex)
      .where(and(...accessLogConditions(q)))
      .orderBy(desc(accessEventIndex.recorded), desc(accessEventIndex.id))
      .limit(q.limit + 1);
    const events = rows.slice(0, q.limit);
    const last = events.at(-1);
    const nextCursor = rows.length > q.limit && last ? { beforeRecorded: last.recorded.toISOString(), beforeId: last.id } : null;
    return c.json({ patient: q.patient, events, nextCursor });
  });

  onRule(app, ACCESS_EVENT_ROUTES.search, async (c) => {
    const query = ZAccessSearchQuery.safeParse(c.req.query());
    if (!query.success) return problem(c, 400, 'invalid-access-search', z.flattenError(query.error));
    const q = query.data;
    const rows = await db
      .select()
      .from(accessEventIndex)
      .where(and(...searchConditions(q)))
      .orderBy(desc(accessEventIndex.recorded), desc(accessEventIndex.id))
      .limit(q.limit + 1);
    const events = rows.slice(0, q.limit);
    // Every person whose accesses the steward saw is told so in their own log (EHDS Art. 9).
    await logStewardAccess(ctx, c.get('access'), events.map((e) => e.patientNationalId), 'audit-search');
    const last = events.at(-1);
    const nextCursor = rows.length > q.limit && last ? { beforeRecorded: last.recorded.toISOString(), beforeId: last.id } : null;
    return c.json({ events, nextCursor });
  });
}
