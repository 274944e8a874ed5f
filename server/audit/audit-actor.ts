import type { TSignedInContext } from '@/server/api/trpc';
import type { AuditEventInput } from './record-audit-event';

/** The agent and request fields of an audit event, taken from a signed-in request. */
export function auditActor(ctx: TSignedInContext): Pick<AuditEventInput, 'agent' | 'clientAddress' | 'requestId'> {
  return {
    agent: { userId: ctx.user.id, role: ctx.user.role, organisation: ctx.user.organisation },
    clientAddress: ctx.clientAddress,
    requestId: ctx.requestId,
  };
}
