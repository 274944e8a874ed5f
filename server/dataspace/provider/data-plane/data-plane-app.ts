import { Hono, type Context } from 'hono';
import { PRACTITIONER_ASSERTION_HEADER } from '@/server/dataspace/protocol/practitioner-assertion';
import { bearer } from '@/server/dataspace/runtime/participant-auth';
import type { RouteRule } from '@/server/dataspace/runtime/route-access';
import { operationOutcome, type IssueCode } from '@/server/fhir/operation-outcome';
import { aggregateOperation } from './aggregate-operation';
import { isRefusal, type ConsentGate, type GateOperation, type GateRequest } from './consent-gate';
import { batchOperation, readOperation, searchOperation } from './record-operations';

export interface DataPlaneAppOptions {
  id: string;
  /** This provider's FHIR base URL (…/fhir/r4): meta.source, fullUrl and paging links point there. */
  fhirBase: string;
  /** The only way to the store (see open-data-plane.ts). */
  gate: ConsentGate;
  /** Concurrent requests above which the provider answers 429. */
  maxInFlight?: number;
}

const FHIR_JSON = 'application/fhir+json';

/**
 * Who may call each data-plane route (relative to /fhir/r4), checked by the provider's one door
 * (route-access-middleware.ts) before the gate. The capability statement is public (FHIR R4 §3.1.0.8);
 * everything else needs an EDR, which the gate then checks whole, with the practitioner assertion.
 */
export const FHIR_ROUTES: readonly RouteRule[] = [
  { method: 'GET', path: '/metadata', access: ['public'] },
  { method: 'POST', path: '/$aggregate', access: ['edr'] },
  { method: 'GET', path: '/:type/:id', access: ['edr'] },
  { method: 'POST', path: '/', access: ['edr'] },
  { method: 'GET', path: '/:type', access: ['edr'] },
];

/** Routes that answer without the gate because they disclose nothing about anyone. */
export const UNGATED_ROUTES = FHIR_ROUTES.filter((r) => r.access.includes('public'));

/**
 * The FHIR R4 data plane of a provider (mounted at /fhir/r4): the routes only translate HTTP to a gate
 * operation and its answer back. They are given the gate, never the store, so every read, search, batch
 * and aggregate passes the consent gate (consent-gate.ts); data-plane-gate.int.test.ts calls each route.
 */
export function createDataPlaneApp(opts: DataPlaneAppOptions) {
  const { gate } = opts;
  const base = { provider: opts.id, fhirBase: opts.fhirBase };
  const app = new Hono();
  let inFlight = 0;
  const maxInFlight = opts.maxInFlight ?? 64;

  const outcome = (c: Context, status: 400 | 401 | 403 | 404 | 429 | 500 | 503, code: IssueCode, text: string) =>
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
  return app;
}
