import type { Database } from '@/db/client';
import { DspConsumer } from '@/server/dataspace/protocol/dsp-client';
import { AuthorityDirectory } from './authority-directory';
import { CircuitBreaker } from './circuit-breaker';
import type { ConsumerSettings } from './consumer-settings';
import { ConsumerIdentity } from './consumer-identity';
import { ContractManager } from './contract-manager';
import { ContractStore } from './contract-store';
import { fanOutRecord, type FanOutResult, type PatientSearch, type Practitioner } from './record-fan-out';

/**
 * The web app as a dataspace participant that consumes: it enrols at the authority, negotiates and
 * starts transfers on first use of a provider, keeps EDRs fresh, and reads records from every provider
 * holding a patient. One per process and database; everything it learns is in the app DB, so another
 * replica or a restart continues from the same agreements.
 */
export class DataspaceConsumer {
  readonly identity: ConsumerIdentity;
  readonly directory: AuthorityDirectory;
  readonly store: ContractStore;
  readonly contracts: ContractManager;
  private readonly breakers = new Map<string, CircuitBreaker>();
  private dspClient: DspConsumer | null = null;

  constructor(
    readonly db: Database,
    readonly settings: ConsumerSettings,
  ) {
    this.identity = new ConsumerIdentity(db, settings);
    this.directory = new AuthorityDirectory(settings);
    this.store = new ContractStore(db);
    this.contracts = new ContractManager(this.store, () => this.dsp());
  }

  /** The DSP client, signing with the current identity (enrolling first if needed). */
  async dsp(): Promise<DspConsumer> {
    const identity = await this.identity.current();
    this.dspClient ??= new DspConsumer(identity, this.settings.callbackAddress);
    return this.dspClient;
  }

  breaker(providerId: string): CircuitBreaker {
    let b = this.breakers.get(providerId);
    if (!b) {
      b = new CircuitBreaker();
      this.breakers.set(providerId, b);
    }
    return b;
  }

  /** Health as the consumer sees it: the breaker of each provider it has called. */
  breakerStates(): Array<{ providerId: string; state: 'closed' | 'open' | 'half-open' }> {
    return [...this.breakers.entries()].map(([providerId, b]) => ({ providerId, state: b.state }));
  }

  /** A patient's record from every provider holding it, with a status per provider and a source per resource. */
  async patientRecord(nationalId: string, practitioner: Practitioner, searches?: readonly PatientSearch[]): Promise<FanOutResult> {
    let identity;
    try {
      identity = await this.identity.current();
    } catch (error) {
      return { nationalId, locatorOk: false, locatorDetail: `the web app could not enrol at the authority (${(error as Error).message})`, providers: [], resources: [] };
    }
    return fanOutRecord(
      {
        dsp: () => this.dsp(),
        directory: this.directory,
        contracts: this.contracts,
        breaker: (id) => this.breaker(id),
        fhirTimeoutMs: this.settings.fhirTimeoutMs,
        contractTimeoutMs: this.settings.contractTimeoutMs,
      },
      { nationalId, practitioner, identity, ...(searches ? { searches } : {}) },
    );
  }
}
