import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { dataspaceAgreement, dataspaceCatalog, dataspaceNegotiation, dataspaceNegotiationEvent, dataspaceTransfer } from '@/db/app/schema/dataspace';
import type { ConsumerNegotiation, ConsumerTransfer } from '@/server/dataspace/protocol/dsp-client';
import type { DspCatalog } from '@/server/dataspace/protocol/dsp-types';

export type StoredAgreement = typeof dataspaceAgreement.$inferSelect;
type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type StoredTransfer = typeof dataspaceTransfer.$inferSelect;

/** Persistence of the consumer's contracts. Each write that spans rows is one transaction. */
export class ContractStore {
  constructor(private readonly db: Database) {}

  async cachedCatalog(providerId: string): Promise<{ catalog: DspCatalog; fetchedAt: Date } | null> {
    const [row] = await this.db.select().from(dataspaceCatalog).where(eq(dataspaceCatalog.providerId, providerId));
    return row ? { catalog: row.catalog as DspCatalog, fetchedAt: row.fetchedAt } : null;
  }

  async saveCatalog(providerId: string, providerUrl: string, catalog: DspCatalog): Promise<void> {
    const fetchedAt = new Date();
    await this.db
      .insert(dataspaceCatalog)
      .values({ providerId, providerUrl, catalog, fetchedAt })
      .onConflictDoUpdate({ target: dataspaceCatalog.providerId, set: { providerUrl, catalog, fetchedAt } });
  }

  /**
   * The negotiation, its whole state history and (when it reached an agreement) the agreement, all or
   * nothing: a crash between the rows cannot leave a FINALIZED negotiation without its agreement.
   */
  async saveNegotiation(n: ConsumerNegotiation, input: { datasetId: string; purpose: string }): Promise<StoredAgreement | null> {
    return this.db.transaction(async (tx) => {
      const last = n.history.at(-1);
      const [row] = await tx
        .insert(dataspaceNegotiation)
        .values({
          consumerPid: n.consumerPid,
          providerPid: n.providerPid || null,
          providerId: n.providerId,
          datasetId: input.datasetId,
          purpose: input.purpose,
          offer: n.offer,
          state: n.state,
          terminationReason: n.terminationReason,
          createdAt: new Date(n.history[0]?.at ?? Date.now()),
          updatedAt: new Date(last?.at ?? Date.now()),
        })
        .returning({ id: dataspaceNegotiation.id });
      if (!row) throw new Error('the negotiation row was not written');
      await tx.insert(dataspaceNegotiationEvent).values(n.history.map((h, seq) => ({ negotiationId: row.id, seq, fromState: h.from, toState: h.to, at: new Date(h.at), reason: h.reason ?? null })));
      return n.agreement && n.state === 'FINALIZED' ? this.insertAgreement(tx, row.id, n, input) : null;
    });
  }

  private async insertAgreement(tx: Tx, negotiationId: string, n: ConsumerNegotiation, input: { datasetId: string; purpose: string }): Promise<StoredAgreement | null> {
    const a = n.agreement;
    if (!a) return null;
    const [agreement] = await tx
      .insert(dataspaceAgreement)
      .values({
        id: a['@id'],
        negotiationId,
        providerId: n.providerId,
        datasetId: input.datasetId,
        purpose: input.purpose,
        assigner: a.assigner,
        assignee: a.assignee,
        target: a.target,
        signedAt: new Date(a.timestamp),
        policy: a,
      })
      .returning();
    return agreement ?? null;
  }

  /** The negotiation a provider started with this providerPid, if it was received before (a retried offer). */
  async offeredNegotiation(providerId: string, providerPid: string): Promise<{ consumerPid: string; state: string } | null> {
    const [row] = await this.db
      .select({ consumerPid: dataspaceNegotiation.consumerPid, state: dataspaceNegotiation.state })
      .from(dataspaceNegotiation)
      .where(and(eq(dataspaceNegotiation.providerId, providerId), eq(dataspaceNegotiation.providerPid, providerPid)));
    return row ?? null;
  }

  /**
   * A stored negotiation moved on (an offer accepted or declined): its new state, the history entries
   * after the `known` first ones, and the agreement once FINALIZED, all or nothing.
   */
  async advanceNegotiation(n: ConsumerNegotiation, known: number, input: { datasetId: string; purpose: string }): Promise<StoredAgreement | null> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(dataspaceNegotiation)
        .set({ state: n.state, terminationReason: n.terminationReason, updatedAt: new Date(n.history.at(-1)?.at ?? Date.now()) })
        .where(eq(dataspaceNegotiation.consumerPid, n.consumerPid))
        .returning({ id: dataspaceNegotiation.id });
      if (!row) throw new Error(`no stored negotiation ${n.consumerPid}`);
      const added = n.history.slice(known);
      if (added.length > 0) await tx.insert(dataspaceNegotiationEvent).values(added.map((h, i) => ({ negotiationId: row.id, seq: known + i, fromState: h.from, toState: h.to, at: new Date(h.at), reason: h.reason ?? null })));
      return n.agreement && n.state === 'FINALIZED' ? this.insertAgreement(tx, row.id, n, input) : null;
    });
  }

  async latestAgreement(providerId: string, purpose: string): Promise<StoredAgreement | null> {
    const [row] = await this.db
      .select()
      .from(dataspaceAgreement)
      .where(and(eq(dataspaceAgreement.providerId, providerId), eq(dataspaceAgreement.purpose, purpose)))
      .orderBy(desc(dataspaceAgreement.signedAt))
      .limit(1);
    return row ?? null;
  }

  async latestStartedTransfer(providerId: string, purpose: string): Promise<StoredTransfer | null> {
    const [row] = await this.db
      .select()
      .from(dataspaceTransfer)
      .where(and(eq(dataspaceTransfer.providerId, providerId), eq(dataspaceTransfer.purpose, purpose), eq(dataspaceTransfer.state, 'STARTED')))
      .orderBy(desc(dataspaceTransfer.createdAt))
      .limit(1);
    return row ?? null;
  }

  async saveTransfer(t: ConsumerTransfer, purpose: string): Promise<StoredTransfer> {
    const now = new Date();
    const [row] = await this.db
      .insert(dataspaceTransfer)
      .values({
        consumerPid: t.consumerPid,
        providerPid: t.providerPid,
        providerId: t.providerId,
        providerUrl: t.providerUrl,
        agreementId: t.agreementId,
        purpose,
        state: t.state,
        endpoint: t.endpoint,
        tokenExpiresAt: t.tokenExpiresAt,
        tokenRefreshedAt: t.token ? now : null,
      })
      .returning();
    if (!row) throw new Error('the transfer row was not written');
    return row;
  }

  async recordRefresh(consumerPid: string, t: ConsumerTransfer): Promise<void> {
    await this.db
      .update(dataspaceTransfer)
      .set({ state: t.state, endpoint: t.endpoint, tokenExpiresAt: t.tokenExpiresAt, tokenRefreshedAt: new Date(), updatedAt: new Date() })
      .where(eq(dataspaceTransfer.consumerPid, consumerPid));
  }

  /** The provider of the web app's negotiation or transfer with this consumerPid, or null when there is none. */
  async providerOf(process: 'negotiation' | 'transfer', consumerPid: string): Promise<string | null> {
    const table = process === 'negotiation' ? dataspaceNegotiation : dataspaceTransfer;
    const [row] = await this.db.select({ providerId: table.providerId }).from(table).where(eq(table.consumerPid, consumerPid));
    return row?.providerId ?? null;
  }

  async markTransfer(consumerPid: string, state: string): Promise<void> {
    await this.db.update(dataspaceTransfer).set({ state, updatedAt: new Date() }).where(eq(dataspaceTransfer.consumerPid, consumerPid));
  }
}
