import { DspRefusal, offersOf, type ConsumerTransfer, type DspConsumer } from '@/server/dataspace/protocol/dsp-client';
import type { DspCatalog, OdrlOffer } from '@/server/dataspace/protocol/dsp-types';
import { PURPOSE_LEFT_OPERAND } from '@/server/dataspace/protocol/purpose-of-use';
import { classifyDspError, ContractRefused } from './consumer-errors';
import type { ContractStore } from './contract-store';

/** A started transfer with a usable EDR, ready for FHIR calls. */
export interface LiveTransfer {
  transfer: ConsumerTransfer;
  datasetId: string;
  purpose: string;
}

/** Refresh the EDR (≤ 5 min) when less than this is left, so no FHIR call goes out with a dying token. */
const REFRESH_MARGIN_MS = 60_000;
/** Catalogs are re-read after this long, or at once when the cached one has no offer for the purpose. */
const CATALOG_TTL_MS = 10 * 60_000;

const keyOf = (providerId: string, purpose: string) => `${providerId}|${purpose}`;

/** The offer of a catalog for a purpose, read from its ODRL purpose constraint. */
export function offerForPurpose(catalog: DspCatalog, purpose: string): { datasetId: string; offer: OdrlOffer } | null {
  return (
    offersOf(catalog).find(({ offer }) =>
      (offer.permission ?? []).some((p) => (p.constraint ?? []).some((c) => 'leftOperand' in c && c.leftOperand === PURPOSE_LEFT_OPERAND && c.operator === 'eq' && c.rightOperand === purpose)),
    ) ?? null
  );
}

function isRefusal(error: unknown): boolean {
  return error instanceof DspRefusal && error.status < 500;
}

/**
 * Gets a live transfer for (provider, purpose): from memory; else by refreshing the EDR of a stored
 * transfer; else by starting a transfer on a stored agreement; else by reading the catalog and
 * negotiating. Concurrent callers for the same pair share one attempt.
 */
export class ContractManager {
  private readonly live = new Map<string, LiveTransfer>();
  private readonly pending = new Map<string, Promise<LiveTransfer>>();

  constructor(
    private readonly store: ContractStore,
    private readonly dsp: () => Promise<DspConsumer>,
  ) {}

  ensure(providerId: string, providerUrl: string, purpose: string): Promise<LiveTransfer> {
    const key = keyOf(providerId, purpose);
    const cached = this.live.get(key);
    const expiresAt = cached?.transfer.tokenExpiresAt?.getTime() ?? 0;
    if (cached?.transfer.token && expiresAt - Date.now() > REFRESH_MARGIN_MS) return Promise.resolve(cached);
    let attempt = this.pending.get(key);
    if (!attempt) {
      attempt = this.establish(providerId, providerUrl, purpose, cached).then(
        (t) => {
          this.live.set(key, t);
          return t;
        },
        (error: unknown) => {
          throw classifyDspError(providerId, error);
        },
      );
      const settled = attempt.finally(() => this.pending.delete(key));
      settled.catch(() => undefined);
      this.pending.set(key, attempt);
    }
    return attempt;
  }

  /** After a 401 from the data plane: the next call re-fetches the EDR first. */
  dropToken(providerId: string, purpose: string): void {
    const cached = this.live.get(keyOf(providerId, purpose));
    if (cached) cached.transfer.token = null;
  }

  private async refresh(t: ConsumerTransfer): Promise<boolean> {
    const dsp = await this.dsp();
    try {
      await dsp.refreshEdr(t);
      await this.store.recordRefresh(t.consumerPid, t);
      return true;
    } catch (error) {
      if (!isRefusal(error)) throw error;
      // The provider no longer knows or no longer runs this transfer: stop using it.
      await this.store.markTransfer(t.consumerPid, 'TERMINATED');
      return false;
    }
  }

  private async establish(providerId: string, providerUrl: string, purpose: string, cached: LiveTransfer | undefined): Promise<LiveTransfer> {
    if (cached) {
      cached.transfer.providerUrl = providerUrl;
      if (await this.refresh(cached.transfer)) return cached;
    }
    const stored = await this.store.latestStartedTransfer(providerId, purpose);
    if (stored) {
      const agreement = await this.store.latestAgreement(providerId, purpose);
      const t: ConsumerTransfer = { consumerPid: stored.consumerPid, providerPid: stored.providerPid, providerId, providerUrl, agreementId: stored.agreementId, state: 'STARTED', endpoint: stored.endpoint, token: null, tokenExpiresAt: null };
      if (await this.refresh(t)) return { transfer: t, datasetId: agreement?.datasetId ?? '', purpose };
    }
    const dsp = await this.dsp();
    const agreement = await this.store.latestAgreement(providerId, purpose);
    if (agreement) {
      try {
        const t = await dsp.startTransfer(providerId, providerUrl, agreement.id);
        if (t.state === 'STARTED' && t.token) {
          await this.store.saveTransfer(t, purpose);
          return { transfer: t, datasetId: agreement.datasetId, purpose };
        }
      } catch (error) {
        // An agreement the provider no longer honours: negotiate a new one below.
        if (!isRefusal(error)) throw error;
      }
    }
    const { datasetId, offer } = await this.findOffer(dsp, providerId, providerUrl, purpose);
    const n = await dsp.negotiate(providerId, providerUrl, offer, datasetId);
    const signed = await this.store.saveNegotiation(n, { datasetId, purpose });
    if (!signed) throw new ContractRefused(providerId, n.terminationReason ?? `negotiation ended in ${n.state}`);
    const t = await dsp.startTransfer(providerId, providerUrl, signed.id);
    if (t.state !== 'STARTED' || !t.token) throw new ContractRefused(providerId, `the transfer is ${t.state}, not started`);
    await this.store.saveTransfer(t, purpose);
    return { transfer: t, datasetId, purpose };
  }

  private async findOffer(dsp: DspConsumer, providerId: string, providerUrl: string, purpose: string) {
    const cached = await this.store.cachedCatalog(providerId);
    if (cached && Date.now() - cached.fetchedAt.getTime() < CATALOG_TTL_MS) {
      const found = offerForPurpose(cached.catalog, purpose);
      if (found) return found;
    }
    const catalog = await dsp.catalog(providerId, providerUrl);
    await this.store.saveCatalog(providerId, providerUrl, catalog);
    const found = offerForPurpose(catalog, purpose);
    if (!found) throw new ContractRefused(providerId, `no dataset is offered to this consumer for purpose ${purpose}`);
    return found;
  }
}
