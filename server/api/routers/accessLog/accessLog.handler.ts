import type { z } from 'zod';
import type { TSignedInContext } from '@/server/api/trpc';
import { auditActor } from '@/server/audit/audit-actor';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { accessLogPage } from '@/server/consent/access-log/access-log-page';
import { accessLogNotifications, accessOrganisation, lastAccessLogVisit, recordAccessLogVisit } from '@/server/consent/access-log/access-log-visits';
import { ownNationalId } from '@/server/consent/patient-consent';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import type { ZAccessLogListInputSchema, ZMarkSeenInputSchema } from './accessLog.schema';

/** How many accesses since the last visit the notifications look at (older ones are in the log). */
const NOTIFICATION_WINDOW = 100;

/** One page of the signed-in patient's own access log; opening it (the first page) is itself audited. */
export async function listHandler({ ctx, input }: { ctx: TSignedInContext; input: z.infer<typeof ZAccessLogListInputSchema> }) {
  const person = { nationalId: ownNationalId(ctx), userId: ctx.user.id };
  const servedAt = new Date();
  const [page, visit] = await Promise.all([accessLogPage(ctx.db, dataspaceConsumer(ctx.db), person, input.filters, input.cursor ?? null, input.limit), lastAccessLogVisit(ctx.db, person.nationalId)]);
  if (!input.cursor) {
    await recordAuditEvent(ctx.db, {
      typeCode: AUDIT_TYPES.patientRecord,
      subtype: AUDIT_SUBTYPES.accessLogRead,
      action: AUDIT_ACTIONS.read,
      outcome: page.authority.ok ? AUDIT_OUTCOMES.success : AUDIT_OUTCOMES.minorFailure,
      outcomeDescription: page.authority.ok ? null : `access-event index unavailable: ${page.authority.detail ?? ''}`,
      patientNationalId: person.nationalId,
      purposeOfUse: 'PATRQT',
      entity: { type: 'AccessLog', filters: input.filters },
      ...auditActor(ctx),
    });
  }
  return { ...page, lastVisitAt: visit?.lastVisitAt ?? null, servedAt };
}

/** Emergency accesses and first accesses by an organisation since the patient's last visit. */
export async function notificationsHandler({ ctx }: { ctx: TSignedInContext }) {
  const person = { nationalId: ownNationalId(ctx), userId: ctx.user.id };
  const visit = await lastAccessLogVisit(ctx.db, person.nationalId);
  const since = await accessLogPage(ctx.db, dataspaceConsumer(ctx.db), person, visit ? { from: visit.lastVisitAt.toISOString() } : {}, null, NOTIFICATION_WINDOW);
  return { notifications: accessLogNotifications(since.entries, visit), lastVisitAt: visit?.lastVisitAt ?? null, authority: since.authority };
}

/** The patient has seen their log as it was at `seenUpTo`: later visits mark only what came after. */
export async function markSeenHandler({ ctx, input }: { ctx: TSignedInContext; input: z.infer<typeof ZMarkSeenInputSchema> }) {
  const person = { nationalId: ownNationalId(ctx), userId: ctx.user.id };
  // A mark in the future would hide accesses still to come.
  const seenUpTo = new Date(Math.min(input.seenUpTo.getTime(), Date.now()));
  const visit = await lastAccessLogVisit(ctx.db, person.nationalId);
  const seen = await accessLogPage(ctx.db, dataspaceConsumer(ctx.db), person, { ...(visit ? { from: visit.lastVisitAt.toISOString() } : {}), to: new Date(seenUpTo.getTime() + 1).toISOString() }, null, 100);
  const organisations = seen.entries.filter((e) => !e.byPatient).map(accessOrganisation);
  const updated = await recordAccessLogVisit(ctx.db, person.nationalId, seenUpTo, organisations);
  return { lastVisitAt: updated.lastVisitAt };
}
