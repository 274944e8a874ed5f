import { desc, lt } from 'drizzle-orm';
import type { z } from 'zod';
import { auditEvents } from '@/db/app/schema/audit-events';
import type { TSignedInContext } from '@/server/api/trpc';
import type { ZListEventsInputSchema } from './audit.schema';

export async function listEventsHandler({ ctx, input }: { ctx: TSignedInContext; input: z.infer<typeof ZListEventsInputSchema> }) {
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
      patientNationalId: auditEvents.patientNationalId,
      purposeOfUse: auditEvents.purposeOfUse,
      clientAddress: auditEvents.clientAddress,
      hash: auditEvents.hash,
    })
    .from(auditEvents)
    .where(input.cursor ? lt(auditEvents.seq, input.cursor) : undefined)
    .orderBy(desc(auditEvents.seq))
    .limit(input.limit);
  const events = rows.map((r) => ({ ...r, recorded: new Date(r.recorded).toISOString() }));
  const last = events.at(-1);
  return { events, nextCursor: events.length === input.limit && last ? last.seq : null };
}
