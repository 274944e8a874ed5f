import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { contractAgreement, contractNegotiation, negotiationHistory } from '@/db/participant/schema/negotiation';
import { transferHistory, transferProcess } from '@/db/participant/schema/transfer';
import type { ParticipantEnv } from '@/server/dataspace/runtime/participant-auth';
import type { RouteRule } from '@/server/dataspace/runtime/route-access';

/** Relative to /contracts: any participant, who sees only its own rows. */
export const CONTRACT_ROUTES: readonly RouteRule[] = [
  { method: 'GET', path: '/negotiations', access: ['participant'] },
  { method: 'GET', path: '/agreements', access: ['participant'] },
  { method: 'GET', path: '/transfers', access: ['participant'] },
];

const ZListQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();

/**
 * The provider's side of a participant's own contracts, for the consumer's steward pages: the
 * negotiations and transfers (each with its state history and reasons) and agreements this
 * provider holds with the calling participant, newest first. Authenticated by participant token; a
 * caller only ever sees rows whose counterparty it is. Not part of DSP (which has no listing), so it
 * lives beside it, under /contracts.
 */
export function createProviderContractsApp(opts: { id: string; db: Database }) {
  const { db } = opts;
  const app = new Hono<ParticipantEnv>();

  const limitOf = (query: Record<string, string>) => ZListQuery.safeParse(query);
  const badQuery = (issues: z.core.$ZodIssue[]) => ({ error: 'invalid-query', detail: issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ') });

  app.get('/negotiations', async (c) => {
    const q = limitOf(c.req.query());
    if (!q.success) return c.json(badQuery(q.error.issues), 400);
    const caller = c.get('participant').participantId;
    const rows = await db
      .select()
      .from(contractNegotiation)
      .where(and(eq(contractNegotiation.role, 'provider'), eq(contractNegotiation.counterpartyId, caller)))
      .orderBy(desc(contractNegotiation.createdAt))
      .limit(q.data.limit);
    const history = rows.length === 0 ? [] : await db.select().from(negotiationHistory).where(inArray(negotiationHistory.pid, rows.map((r) => r.pid))).orderBy(asc(negotiationHistory.at));
    return c.json({
      provider: opts.id,
      negotiations: rows.map((r) => ({
        providerPid: r.providerPid,
        consumerPid: r.consumerPid,
        state: r.state,
        datasetId: r.datasetId,
        offerId: r.offerId,
        purpose: r.purpose,
        agreementId: r.agreementId,
        terminationReason: r.terminationReason,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        history: history.filter((h) => h.pid === r.pid).map((h) => ({ from: h.fromState, to: h.toState, event: h.event, reason: h.reason, at: h.at })),
      })),
    });
  });

  app.get('/agreements', async (c) => {
    const q = limitOf(c.req.query());
    if (!q.success) return c.json(badQuery(q.error.issues), 400);
    const caller = c.get('participant').participantId;
    const rows = await db
      .select()
      .from(contractAgreement)
      .where(and(eq(contractAgreement.assigner, opts.id), eq(contractAgreement.assignee, caller)))
      .orderBy(desc(contractAgreement.signedAt))
      .limit(q.data.limit);
    return c.json({ provider: opts.id, agreements: rows.map((r) => ({ id: r.id, assigner: r.assigner, assignee: r.assignee, target: r.target, purpose: r.purpose, signedAt: r.signedAt, policy: r.policy })) });
  });

  app.get('/transfers', async (c) => {
    const q = limitOf(c.req.query());
    if (!q.success) return c.json(badQuery(q.error.issues), 400);
    const caller = c.get('participant').participantId;
    const rows = await db
      .select()
      .from(transferProcess)
      .where(and(eq(transferProcess.role, 'provider'), eq(transferProcess.counterpartyId, caller)))
      .orderBy(desc(transferProcess.createdAt))
      .limit(q.data.limit);
    const history = rows.length === 0 ? [] : await db.select().from(transferHistory).where(inArray(transferHistory.pid, rows.map((r) => r.pid))).orderBy(asc(transferHistory.at));
    return c.json({
      provider: opts.id,
      transfers: rows.map((r) => ({
        providerPid: r.providerPid,
        consumerPid: r.consumerPid,
        agreementId: r.agreementId,
        state: r.state,
        reason: r.reason,
        tokenExpiresAt: r.tokenExpiresAt,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        history: history.filter((h) => h.pid === r.pid).map((h) => ({ from: h.fromState, to: h.toState, event: h.event, reason: h.reason, at: h.at })),
      })),
    });
  });

  app.notFound((c) => c.json({ error: 'not-found' }, 404));
  return app;
}
