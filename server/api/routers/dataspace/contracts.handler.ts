import { desc, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { dataspaceAgreement, dataspaceNegotiation, dataspaceNegotiationEvent, dataspaceTransfer } from '@/db/app/schema/dataspace';
import type { TSignedInContext } from '@/server/api/trpc';
import { readableRule } from '@/server/dataspace/consumer/readable-policy';
import type { OdrlAgreement } from '@/server/dataspace/protocol/dsp-types';
import type { ZAgreementsOutputSchema, ZContractsInputSchema, ZNegotiationsOutputSchema, ZTransfersOutputSchema } from './contracts.schema';

type Input = z.infer<typeof ZContractsInputSchema>;

/** Negotiations the app ran, newest first, each with its state path and why it ended if it was terminated. */
export async function negotiationsHandler({ ctx, input }: { ctx: TSignedInContext; input: Input }): Promise<z.infer<typeof ZNegotiationsOutputSchema>> {
  const rows = await ctx.db.select().from(dataspaceNegotiation).orderBy(desc(dataspaceNegotiation.createdAt)).limit(input.limit);
  const events = rows.length === 0 ? [] : await ctx.db.select().from(dataspaceNegotiationEvent).where(inArray(dataspaceNegotiationEvent.negotiationId, rows.map((r) => r.id))).orderBy(dataspaceNegotiationEvent.seq);
  return rows.map((r) => ({
    id: r.id,
    consumerPid: r.consumerPid,
    providerPid: r.providerPid,
    providerId: r.providerId,
    datasetId: r.datasetId,
    purpose: r.purpose,
    state: r.state,
    terminationReason: r.terminationReason,
    createdAt: r.createdAt.toISOString(),
    history: events.filter((e) => e.negotiationId === r.id).map((e) => ({ from: e.fromState, to: e.toState, at: e.at.toISOString(), reason: e.reason })),
  }));
}

export async function agreementsHandler({ ctx, input }: { ctx: TSignedInContext; input: Input }): Promise<z.infer<typeof ZAgreementsOutputSchema>> {
  const rows = await ctx.db.select().from(dataspaceAgreement).orderBy(desc(dataspaceAgreement.signedAt)).limit(input.limit);
  return rows.map((r) => {
    const policy = r.policy as OdrlAgreement;
    return {
      id: r.id,
      providerId: r.providerId,
      datasetId: r.datasetId,
      purpose: r.purpose,
      assigner: r.assigner,
      assignee: r.assignee,
      target: r.target,
      signedAt: r.signedAt.toISOString(),
      permissions: (policy.permission ?? []).map(readableRule),
      prohibitions: (policy.prohibition ?? []).map(readableRule),
    };
  });
}

export async function transfersHandler({ ctx, input }: { ctx: TSignedInContext; input: Input }): Promise<z.infer<typeof ZTransfersOutputSchema>> {
  const rows = await ctx.db.select().from(dataspaceTransfer).orderBy(desc(dataspaceTransfer.createdAt)).limit(input.limit);
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    consumerPid: r.consumerPid,
    providerPid: r.providerPid,
    providerId: r.providerId,
    agreementId: r.agreementId,
    purpose: r.purpose,
    state: r.state,
    endpoint: r.endpoint,
    tokenExpiresAt: r.tokenExpiresAt?.toISOString() ?? null,
    tokenRefreshedAt: r.tokenRefreshedAt?.toISOString() ?? null,
    token: !r.tokenExpiresAt ? ('none' as const) : r.tokenExpiresAt.getTime() > now ? ('valid' as const) : ('expired' as const),
    createdAt: r.createdAt.toISOString(),
  }));
}
