import type { z } from 'zod';
import type { TSignedInContext } from '@/server/api/trpc';
import { knownToRecordLocator } from '@/server/access/known-patient';
import { auditActor } from '@/server/audit/audit-actor';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import type { ZLocateInputSchema } from './locate.schema';

/** Asks the record locator whether the dataspace holds this person, before emergency access is offered; audited as a search. */
export async function locateHandler({ ctx, input }: { ctx: TSignedInContext; input: z.infer<typeof ZLocateInputSchema> }) {
  const known = await knownToRecordLocator(ctx, input.nationalId);
  await recordAuditEvent(ctx.db, {
    typeCode: AUDIT_TYPES.rest,
    subtype: AUDIT_SUBTYPES.search,
    action: AUDIT_ACTIONS.read,
    outcome: AUDIT_OUTCOMES.success,
    outcomeDescription: known ? 'held in the dataspace' : 'no record in the dataspace',
    patientNationalId: input.nationalId,
    entity: { type: 'record-locator' },
    ...auditActor(ctx),
  });
  return { known };
}
