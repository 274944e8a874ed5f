import type { Database } from '@/db/client';
import { publicJwks, type ParticipantKeyPair } from '@/server/dataspace/protocol/participant-keys';
import type { ConsentDecisionCache } from '@/server/dataspace/provider/consent-decision-cache';
import type { DatasetDefinition } from '@/server/dataspace/provider/datasets';
import { transferStateForDataPlane } from '@/server/dataspace/provider/transfer-service';
import type { AuthorityClient } from '@/server/dataspace/runtime/authority-client';
import { AccessAuditor } from './access-audit';
import { ConsentGate } from './consent-gate';
import { createDataPlaneApp } from './data-plane-app';

export interface DataPlaneOptions {
  id: string;
  baseUrl: string;
  db: Database;
  key: ParticipantKeyPair;
  authority: AuthorityClient;
  /** The authority's decisions, kept under its lease and invalidated by it (see ConsentDecisionCache). */
  decisions: ConsentDecisionCache;
  datasets: DatasetDefinition[];
  /** Concurrent requests above which the provider answers 429. */
  maxInFlight?: number;
  /** Delay before access events are forwarded to the authority (ACCESS_EVENT_FORWARD_DELAY_MS). */
  forwardDelayMs?: number;
}

/**
 * A provider's data plane: its access auditor (started, so what an earlier run left in the outbox is
 * forwarded), the consent gate that alone holds the store, and the routes given only the gate.
 */
export function openDataPlane(opts: DataPlaneOptions) {
  const auditor = new AccessAuditor(opts.db, opts.authority, opts.forwardDelayMs);
  auditor.start();
  const gate = new ConsentGate({
    id: opts.id,
    store: opts.db,
    jwks: publicJwks(opts.key),
    datasets: opts.datasets,
    authority: opts.authority,
    decisions: opts.decisions,
    auditor,
    transferState: (transferId, consumer) => transferStateForDataPlane(opts.db, transferId, consumer),
  });
  const app = createDataPlaneApp({ id: opts.id, fhirBase: `${opts.baseUrl}/fhir/r4`, gate, maxInFlight: opts.maxInFlight });
  return { app, auditor };
}
