import { z } from 'zod';
import { createTRPCRouter, roleProcedure } from '@/server/api/trpc';
import { ROLES } from '@/server/auth/roles';
import { verifyAuditChain } from '@/server/audit/verify-audit-chain';
import { ZListEventsInputSchema, ZListEventsOutputSchema, ZVerifyChainOutputSchema } from './audit.schema';
import { listEventsHandler } from './listEvents.handler';

const auditorProcedure = roleProcedure(ROLES.steward, ROLES.admin);

export const auditRouter = createTRPCRouter({
  verifyChain: auditorProcedure.input(z.void()).output(ZVerifyChainOutputSchema).query(({ ctx }) => verifyAuditChain(ctx.db)),
  listEvents: auditorProcedure.input(ZListEventsInputSchema).output(ZListEventsOutputSchema).query(listEventsHandler),
});
