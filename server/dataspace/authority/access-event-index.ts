import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
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
        action: z.string().min(1),
        outcome: z.enum(['allowed', 'denied', 'partial']),
        detail: z.string().max(500).nullable(),
      }),
    )
    .max(1000),
});

/**
 * The patient this caller may read about: the asserted patient only (another patient's id is refused),
 * or any patient for a steward. Answers a refusal when the query names someone else.
 */
export function patientInScope(c: Context, caller: RouteCaller, patient: string): Response | null {
  if (caller.patient && caller.patient.nationalId !== patient) return problem(c, 403, 'not-this-patient', 'a patient assertion gives access to that patient\'s own consents and access log only');
  return null;
}

/** A steward looked at a person's consents or access log: it goes into that person's access log, with its purpose. */
export async function logStewardAccess(ctx: AuthorityContext, caller: RouteCaller, patient: string, action: string): Promise<void> {
  if (!caller.steward) return;
  await ctx.db.insert(accessEventIndex).values({
    patientNationalId: patient,
    providerId: ctx.id,
    auditEventId: `urn:uuid:${randomUUID()}`,
    recorded: new Date(),
    purpose: caller.steward.purpose.slice(0, 100),
    consumerId: caller.participant?.participantId ?? null,
    professional: caller.steward.userId,
    professionalRole: 'steward',
    action,
    outcome: 'allowed',
    detail: null,
  });
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
      .values(events.map((e) => ({ patientNationalId: e.patient, providerId: provider, auditEventId: e.auditEventId, recorded: e.recorded, purpose: e.purpose, consumerId: e.consumerId, professional: e.professional, professionalRole: e.professionalRole, action: e.action, outcome: e.outcome, detail: e.detail })))
      .onConflictDoNothing({ target: [accessEventIndex.providerId, accessEventIndex.auditEventId] })
      .returning({ id: accessEventIndex.id });
    // `duplicates`: ids this provider had reported before (a resend after a crash), acknowledged but not added again.
    return c.json({ indexed: added.length, duplicates: events.length - added.length });
  });

  onRule(app, ACCESS_EVENT_ROUTES.read, async (c) => {
    const patient = ZNationalId.safeParse(c.req.query('patient'));
    if (!patient.success) return problem(c, 400, 'patient-required', 'query parameter patient must be a 13-digit national health id');
    const caller = c.get('access');
    const refused = patientInScope(c, caller, patient.data);
    if (refused) return refused;
    await logStewardAccess(ctx, caller, patient.data, 'read-access-log');
    const rows = await db.select().from(accessEventIndex).where(eq(accessEventIndex.patientNationalId, patient.data)).orderBy(desc(accessEventIndex.recorded)).limit(500);
    return c.json({ patient: patient.data, events: rows });
  });
}
