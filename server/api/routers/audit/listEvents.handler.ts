import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { auditEvents } from '@/db/app/schema/audit-events';
import { users } from '@/db/app/schema/users';
import type { TSignedInContext } from '@/server/api/trpc';
import { AUDIT_OUTCOMES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import type { TAuditFilters, ZListEventsInputSchema } from './audit.schema';

// IN rather than <> '0', so that the (outcome, seq) index serves it.
const FAILURES = Object.values(AUDIT_OUTCOMES).filter((o) => o !== AUDIT_OUTCOMES.success);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The e-mail a sign-in was tried with: authenticate() writes it into the (hashed) entity. */
const attemptedEmail = sql<string | null>`${auditEvents.entity}->>'email'`;

/** The WHERE of a filtered page; each condition has an index ending in seq (see the audit_event schema). */
function filterConditions(f: TAuditFilters): SQL[] {
  const conditions: SQL[] = [];
  if (f.from) conditions.push(gte(auditEvents.recorded, new Date(f.from).toISOString()));
  if (f.to) conditions.push(lt(auditEvents.recorded, new Date(f.to).toISOString()));
  if (f.patientNationalId) conditions.push(eq(auditEvents.patientNationalId, f.patientNationalId));
  if (f.subtype) conditions.push(eq(auditEvents.subtype, f.subtype));
  if (f.outcome) conditions.push(f.outcome === 'success' ? eq(auditEvents.outcome, AUDIT_OUTCOMES.success) : inArray(auditEvents.outcome, FAILURES));
  if (f.userEmail) {
    const byUser = sql`${auditEvents.agentUserId} IN (SELECT ${users.id}::text FROM ${users} WHERE ${users.email} = ${f.userEmail})`;
    const triedWith = and(eq(auditEvents.typeCode, AUDIT_TYPES.userAuthentication), eq(attemptedEmail, f.userEmail));
    const either = or(byUser, triedWith);
    if (either) conditions.push(either);
  }
  return conditions;
}

/** One page of the audit trail, newest first, with the acting user's name and e-mail. */
export async function listEventsHandler({ ctx, input }: { ctx: TSignedInContext; input: z.infer<typeof ZListEventsInputSchema> }) {
  const conditions = filterConditions(input.filters);
  if (input.cursor) conditions.push(lt(auditEvents.seq, input.cursor));
  const rows = await ctx.db
    .select({
      seq: auditEvents.seq,
      recorded: auditEvents.recorded,
      typeCode: auditEvents.typeCode,
      subtype: auditEvents.subtype,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      outcomeDescription: auditEvents.outcomeDescription,
      agentUserId: auditEvents.agentUserId,
      agentRole: auditEvents.agentRole,
      agentOrganisation: auditEvents.agentOrganisation,
      attemptedEmail,
      patientNationalId: auditEvents.patientNationalId,
      purposeOfUse: auditEvents.purposeOfUse,
      clientAddress: auditEvents.clientAddress,
      hash: auditEvents.hash,
    })
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.seq))
    .limit(input.limit);
  // Names are looked up per page rather than copied into the chain: the trail keeps the stable user id.
  const ids = [...new Set(rows.flatMap((r) => (r.agentUserId && UUID.test(r.agentUserId) ? [r.agentUserId] : [])))];
  const people = ids.length ? await ctx.db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, ids)) : [];
  const byId = new Map(people.map((p) => [p.id, p]));
  const events = rows.map((r) => {
    const person = r.agentUserId ? byId.get(r.agentUserId) : undefined;
    return {
      ...r,
      recorded: new Date(r.recorded).toISOString(),
      agentName: person?.name ?? null,
      agentEmail: person?.email ?? null,
      attemptedEmail: r.typeCode === AUDIT_TYPES.userAuthentication ? r.attemptedEmail : null,
    };
  });
  const last = events.at(-1);
  return { events, nextCursor: events.length === input.limit && last ? last.seq : null };
}
