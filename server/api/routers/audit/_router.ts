import { z } from 'zod';
import { createTRPCRouter, roleProcedure } from '@/server/api/trpc';
import { ROLES } from '@/server/auth/roles';
import { verifyAuditChain } from '@/server/audit/verify-audit-chain';
import { breakGlassQueue, reviewBreakGlass } from '@/server/access/break-glass-review';
import { ZListEventsInputSchema, ZListEventsOutputSchema, ZVerifyChainOutputSchema } from './audit.schema';
import { listEventsHandler } from './listEvents.handler';
import { providerAccessesHandler } from './providerAccesses.handler';
import { ZProviderAccessesInputSchema, ZProviderAccessesOutputSchema } from './providerAccesses.schema';
import { ZBreakGlassQueueInputSchema, ZBreakGlassQueueOutputSchema, ZReviewBreakGlassInputSchema, ZReviewBreakGlassOutputSchema } from './breakGlassQueue.schema';

const auditorProcedure = roleProcedure(ROLES.steward, ROLES.admin);
// Judging a clinician's emergency access is the data-protection steward's task, not the administrator's.
const stewardProcedure = roleProcedure(ROLES.steward);

export const auditRouter = createTRPCRouter({
  verifyChain: auditorProcedure.input(z.void()).output(ZVerifyChainOutputSchema).query(({ ctx }) => verifyAuditChain(ctx.db)),
  listEvents: auditorProcedure.input(ZListEventsInputSchema).output(ZListEventsOutputSchema).query(listEventsHandler),
  /** Every provider's accesses, from the authority's index (steward only: the authority admits its stewards' assertions). */
  providerAccesses: stewardProcedure.input(ZProviderAccessesInputSchema).output(ZProviderAccessesOutputSchema).query(providerAccessesHandler),
  /** Every emergency access (break the glass), newest first, pending review or reviewed. */
  breakGlassQueue: stewardProcedure.input(ZBreakGlassQueueInputSchema).output(ZBreakGlassQueueOutputSchema).query(({ ctx, input }) => breakGlassQueue(ctx.db, input.view, input.limit)),
  /** Marks one emergency access justified or flagged, with a comment; audited. */
  reviewBreakGlass: stewardProcedure.input(ZReviewBreakGlassInputSchema).output(ZReviewBreakGlassOutputSchema).mutation(({ ctx, input }) => reviewBreakGlass(ctx, input)),
});
