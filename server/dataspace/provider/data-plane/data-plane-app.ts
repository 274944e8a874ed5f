import { Hono, type Context } from 'hono';
import type { Database } from '@/db/client';
import { PRACTITIONER_ASSERTION_HEADER } from '@/server/dataspace/protocol/practitioner-assertion';
import { publicJwks, type ParticipantKeyPair } from '@/server/dataspace/protocol/participant-keys';
import type { ConsentDecisionCache } from '@/server/dataspace/provider/consent-decision-cache';
import type { DatasetDefinition } from '@/server/dataspace/provider/datasets';
import { transferStateForDataPlane } from '@/server/dataspace/provider/transfer-service';
import type { AuthorityClient } from '@/server/dataspace/runtime/authority-client';
import { bearer } from '@/server/dataspace/runtime/participant-auth';
import { operationOutcome, type IssueCode } from '@/server/fhir/operation-outcome';
import { AccessAuditor } from './access-audit';
import { aggregateOperation } from './aggregate-operation';
import { ConsentGate, isRefusal, type GateOperation, type GateRequest } from './consent-gate';
import { batchOperation, readOperation, searchOperation } from './record-operations';

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

const FHIR_JSON = 'application/fhir+json';

/** Routes that answer without the gate because they disclose nothing about anyone (FHIR R4 §3.1.0.8 capabilities). */
export const UNGATED_ROUTES = [{ method: 'GET', path: '/metadata' }] as const;

/**
 * The FHIR R4 data plane of a provider (mounted at /fhir/r4): the routes only translate HTTP to a gate
 * operation and its answer back. The store is handed to the gate, not to the routes, so every read,
 * search, batch and aggregate passes the consent gate (consent-gate.ts).
 */
export function createDataPlaneApp(opts: DataPlaneOptions) {
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
  const base = { provider: opts.id, fhirBase: `${opts.baseUrl}/fhir/r4` };
  const app = new Hono();
  let inFlight = 0;
  const maxInFlight = opts.maxInFlight ?? 64;

  const outcome = (c: Context, status: 400 | 401 | 403 | 404 | 429 | 500, code: IssueCode, text: string) =>
    c.body(JSON.stringify(operationOutcome('error', code, text)), status, { 'content-type': FHIR_JSON });
  const credentialsOf = (c: Context): GateRequest => ({ bearer: bearer(c), assertion: c.req.header(PRACTITIONER_ASSERTION_HEADER) });
  /** Passes the gate and answers: the resource or Bundle as FHIR JSON, a refusal as an OperationOutcome. */
  const answer = async <T>(c: Context, op: GateOperation<T>, json = false) => {
    const result = await gate.pass(credentialsOf(c), op);
    if (isRefusal(result)) return outcome(c, result.status, result.code, result.text);
    return json ? c.json(result as object) : c.body(JSON.stringify(result), 200, { 'content-type': FHIR_JSON });
  };

  app.onError((error, c) => {
    console.error(`[${opts.id}] fhir`, error);
    return outcome(c, 500, 'exception', 'the provider could not process the request');
  });

  app.get('/metadata', (c) =>
    c.json({ resourceType: 'CapabilityStatement', status: 'active', date: new Date().toISOString(), kind: 'instance', fhirVersion: '4.0.1', format: ['json'], rest: [{ mode: 'server' }] }),
  );

  app.use('*', async (c, next) => {
    if (inFlight >= maxInFlight) return outcome(c, 429, 'throttled', 'the provider is overloaded; retry later');
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
    }
  });

  app.post('/$aggregate', async (c) => answer(c, aggregateOperation(base, await c.req.json().catch(() => null)), true));
  app.get('/:type/:id', (c) => answer(c, readOperation(base, c.req.param('type'), c.req.param('id'), c.req.url)));
  app.post('/', async (c) => answer(c, batchOperation(base, await c.req.json().catch(() => null))));
  app.get('/:type', (c) => {
    const url = new URL(c.req.url);
    return answer(c, searchOperation(base, c.req.param('type'), url.searchParams, url.pathname + url.search));
  });

  app.notFound((c) => outcome(c, 404, 'not-found', 'no such FHIR endpoint'));
  return { app, auditor };
}
