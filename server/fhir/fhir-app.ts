import type { Bundle, BundleEntry, Provenance, Resource } from '@medplum/fhirtypes';
import { Hono, type Context } from 'hono';
import type { Database } from '@/db/client';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import { isDataCategory, type DataCategory } from '@/server/dataspace/protocol/data-category';
import { verifyEdrToken, type EdrClaims } from '@/server/dataspace/protocol/edr-token';
import { publicJwks, type ParticipantKeyPair } from '@/server/dataspace/protocol/participant-keys';
import { PRACTITIONER_ASSERTION_HEADER, verifyPractitionerAssertion, type PractitionerAssertion } from '@/server/dataspace/protocol/practitioner-assertion';
import { TokenError } from '@/server/dataspace/protocol/token-error';
import type { AuthorityClient, PdpDecision } from '@/server/dataspace/runtime/authority-client';
import { bearer } from '@/server/dataspace/runtime/participant-auth';
import { transferStateForDataPlane } from '@/server/dataspace/provider/transfer-service';
import type { DatasetDefinition } from '@/server/dataspace/provider/datasets';
import type { ConsentDecisionCache } from '@/server/dataspace/provider/consent-decision-cache';
import { AccessAuditor } from './access-audit';
import { runTwinAggregate, ZTwinAggregateRequest } from '@/server/dataspace/provider/digital-twin-aggregate';
import { runAggregate, ZAggregateRequest } from './aggregate';
import { operationOutcome } from './operation-outcome';
import { runSurvival, ZSurvivalRequest } from './survival-table';
import { countResources, patientIdsByIdentifier, readResource } from './resource-store';
import { parseSearchBatch } from './search-batch';
import { searchResources, searchResourcesTogether, type MatchRow } from './search-batch-store';
import { FhirSearchError, isSearchableType, parseSearch, type FhirSearch } from './search-params';

export interface FhirAppOptions {
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
const PRIMARY_USE = new Set(['TREAT', 'ETREAT']);

interface Caller {
  edr: EdrClaims;
  practitioner: PractitionerAssertion;
}

type FhirEnv = { Variables: { caller: Caller } };

/** The FHIR R4 data plane of a provider: EDR + practitioner assertion, consent at the source, audit, provenance. */
export function createFhirApp(opts: FhirAppOptions) {
  const { db } = opts;
  const app = new Hono<FhirEnv>();
  const auditor = new AccessAuditor(db, opts.authority, opts.forwardDelayMs);
  auditor.start();
  const jwks = publicJwks(opts.key);
  const fhirBase = `${opts.baseUrl}/fhir/r4`;
  let inFlight = 0;
  const maxInFlight = opts.maxInFlight ?? 64;

  const outcome = (c: Context, status: 400 | 401 | 403 | 404 | 429 | 500, code: Parameters<typeof operationOutcome>[1], text: string) =>
    c.body(JSON.stringify(operationOutcome('error', code, text)), status, { 'content-type': FHIR_JSON });

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

  // Authentication: EDR bearer token (agreement, consumer, purpose), a live transfer, and the practitioner assertion.
  app.use('*', async (c, next) => {
    let edr: EdrClaims;
    let practitioner: PractitionerAssertion;
    try {
      edr = await verifyEdrToken(bearer(c), { provider: opts.id, jwks });
      practitioner = await verifyPractitionerAssertion(c.req.header(PRACTITIONER_ASSERTION_HEADER), { consumerId: edr.consumer, consumerJkt: edr.consumerJkt, audience: opts.id });
    } catch (error) {
      if (error instanceof TokenError) {
        await auditor.record([{ provider: opts.id, patient: null, consumer: null, professional: null, professionalRole: null, purpose: 'unknown', query: c.req.url, outcome: 'denied', detail: `token refused: ${error.kind}`, breakGlass: false }]);
        return outcome(c, 401, 'login', `authentication failed: ${error.message}`);
      }
      throw error;
    }
    const deny = async (text: string) => {
      await auditor.record([{ provider: opts.id, patient: null, consumer: edr.consumer, professional: practitioner.userId, professionalRole: practitioner.role, purpose: practitioner.purpose, query: c.req.url, outcome: 'denied', detail: text, breakGlass: false }]);
      return outcome(c, 403, 'forbidden', text);
    };
    if (practitioner.purpose !== edr.purpose) return deny(`purpose ${practitioner.purpose} is not the purpose of the agreement (${edr.purpose})`);
    if (practitioner.organisation !== edr.consumer) return deny('the practitioner does not belong to the consumer organisation');
    if (edr.purpose === 'ETREAT' && !practitioner.breakGlassReason) return deny('break-glass access (ETREAT) needs a reason');
    const transferState = await transferStateForDataPlane(db, edr.transferId, edr.consumer);
    if (transferState !== 'STARTED') return deny(`the transfer process is ${transferState ?? 'unknown'}`);
    c.set('caller', { edr, practitioner });
    await next();
  });

  const datasetKeyFor = (edr: EdrClaims) => edr.datasetId;

  const provenance = (edr: EdrClaims, targets: Resource[]): Provenance => ({
    resourceType: 'Provenance',
    id: `prov-${edr.jti.slice(-12)}-${Date.now()}`,
    target: targets.slice(0, 200).map((r) => ({ reference: `${r.resourceType}/${r.id}` })),
    recorded: new Date().toISOString(),
    policy: [edr.agreementId],
    agent: [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'custodian' }] }, who: { identifier: { value: opts.id }, display: opts.id } }],
    entity: [{ role: 'source', what: { identifier: { system: 'urn:d4h:dataset', value: `urn:d4h:dataset:${opts.id}:${datasetKeyFor(edr)}` } } }],
  });

  const withSource = (row: MatchRow): Resource => {
    const resource = row.resource as Resource;
    return { ...resource, meta: { ...resource.meta, source: `${fhirBase}/${resource.resourceType}/${resource.id}` } } as Resource;
  };

  /**
   * Asks the authority's PDP for each patient among the rows (or its pushed-invalidated memory of them,
   * never past a withdrawal) and keeps what is permitted.
   */
  async function enforceConsent(caller: Caller, rows: MatchRow[], query: string) {
    const byPatient = new Map<string, MatchRow[]>();
    for (const row of rows) if (row.nationalId) byPatient.set(row.nationalId, [...(byPatient.get(row.nationalId) ?? []), row]);
    const decisions = new Map<string, PdpDecision>();
    await Promise.all(
      [...byPatient.entries()].map(async ([patient, patientRows]) => {
        const categories = [...new Set(patientRows.map((r) => r.dataCategory).filter(isDataCategory))] as DataCategory[];
        const question = { patient, purpose: caller.edr.purpose, organisation: caller.edr.consumer, professional: caller.practitioner.userId, categories };
        decisions.set(patient, await opts.decisions.decide(question, () => opts.authority.decide(question)));
      }),
    );
    const kept = rows.filter((r) => r.nationalId && decisions.get(r.nationalId)?.categories[r.dataCategory as DataCategory] === 'permit');
    await auditor.record(
      [...decisions.entries()].map(([patient, d]) => ({
        provider: opts.id,
        patient,
        consumer: caller.edr.consumer,
        professional: caller.practitioner.userId,
        professionalRole: caller.practitioner.role,
        purpose: caller.edr.purpose,
        query,
        outcome: d.decision === 'permit' ? ('allowed' as const) : d.decision === 'partial' ? ('partial' as const) : ('denied' as const),
        detail: `consent ${d.status}${caller.practitioner.breakGlassReason ? `; break-glass: ${caller.practitioner.breakGlassReason}` : ''}`,
        breakGlass: caller.edr.purpose === 'ETREAT',
      })),
    );
    return { kept, decisions };
  }

  /** Per-patient consent status, as an OperationOutcome entry (search mode "outcome"): says what, never shows the hidden content. */
  const consentOutcome = (decisions: Map<string, PdpDecision>): BundleEntry | null => {
    if (decisions.size === 0) return null;
    return {
      search: { mode: 'outcome' },
      resource: {
        resourceType: 'OperationOutcome',
        issue: [...decisions.entries()].map(([patient, d]) => ({
          severity: 'information' as const,
          code: d.status === 'active' ? ('informational' as const) : ('suppressed' as const),
          details: { coding: [{ system: CODE_SYSTEMS.consentStatus, code: d.status }], text: `patient ${patient}: consent ${d.status}` },
          expression: [`Patient.identifier.where(value='${patient}')`],
        })),
      },
    };
  };

  app.post('/$aggregate', async (c) => {
    const { edr, practitioner } = c.get('caller');
    const dataset = opts.datasets.find((d) => d.key === datasetKeyFor(edr));
    const body: unknown = await c.req.json().catch(() => null);
    const invalid = (issues: Array<{ path: PropertyKey[]; message: string }>) => outcome(c, 400, 'invalid', `invalid aggregate request: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const audit = (query: unknown, records: number | string) =>
      auditor.record([{ provider: opts.id, patient: null, consumer: edr.consumer, professional: practitioner.userId, professionalRole: practitioner.role, purpose: edr.purpose, query: JSON.stringify(query), outcome: 'allowed', detail: `aggregate over ${records} records`, breakGlass: false }]);
    if (dataset?.store === 'digital-twins') {
      if (!(dataset.aggregateOnlyPurposes as string[]).includes(edr.purpose)) return outcome(c, 403, 'forbidden', `the digital-twin cohort answers aggregates for ${dataset.aggregateOnlyPurposes.join(', ')} only`);
      const parsed = ZTwinAggregateRequest.safeParse(body);
      if (!parsed.success) return invalid(parsed.error.issues);
      const result = await runTwinAggregate(db, parsed.data);
      await audit(parsed.data, result.contributingRecords);
      return c.json({ ...result, provider: opts.id, agreementId: edr.agreementId });
    }
    if (edr.purpose !== 'HRESCH') return outcome(c, 403, 'forbidden', 'cohort statistics are answered only under an agreement for purpose HRESCH');
    if (typeof body === 'object' && body !== null && 'survival' in body) {
      const survival = ZSurvivalRequest.safeParse(body);
      if (!survival.success) return invalid(survival.error.issues);
      const table = await runSurvival(db, opts.authority, { datasetId: datasetKeyFor(edr), consumer: edr.consumer, request: survival.data });
      await audit(survival.data, table.contributingRecords);
      return c.json({ ...table, provider: opts.id, agreementId: edr.agreementId });
    }
    const parsed = ZAggregateRequest.safeParse(body);
    if (!parsed.success) return invalid(parsed.error.issues);
    const result = await runAggregate(db, opts.authority, { datasetId: datasetKeyFor(edr), consumer: edr.consumer, request: parsed.data });
    await audit(parsed.data, result.contributingRecords);
    return c.json({ ...result, provider: opts.id, agreementId: edr.agreementId });
  });

  app.get('/:type/:id', async (c) => {
    const caller = c.get('caller');
    const type = c.req.param('type');
    if (!isSearchableType(type)) return outcome(c, 404, 'not-supported', `resource type ${type} is not served here`);
    if (!PRIMARY_USE.has(caller.edr.purpose)) return outcome(c, 403, 'forbidden', `record-level access is not allowed for purpose ${caller.edr.purpose}; use $aggregate`);
    const row = await readResource(db, datasetKeyFor(caller.edr), type, c.req.param('id'));
    if (!row) return outcome(c, 404, 'not-found', `${type}/${c.req.param('id')} is not known`);
    const { kept } = await enforceConsent(caller, [row], c.req.url);
    if (kept.length === 0) return outcome(c, 403, 'forbidden', 'access to this resource is not permitted by the patient\'s consent');
    return c.body(JSON.stringify(withSource(row)), 200, { 'content-type': FHIR_JSON });
  });

  interface SearchPage {
    search: FhirSearch;
    page: MatchRow[];
    hasNext: boolean;
  }

  /**
   * Resolves `patient.identifier` to logical ids (a separate lookup costs less than the same lookup as a
   * subquery of every search); a search that does not name its patient is a FhirSearchError (400).
   */
  async function namePatient(search: FhirSearch, patientIdsOf: (identifiers: string[]) => Promise<string[]>): Promise<FhirSearch> {
    if (search.patientIdentifiers) {
      const ids = await patientIdsOf(search.patientIdentifiers);
      search.patientIds = search.patientIds ? search.patientIds.filter((id) => ids.includes(id)) : ids;
    }
    // Primary use is about one person at a time: no population-wide record searches.
    if (!search.patientIds && !search.identifiers && !search.ids) throw new FhirSearchError('a search for care must name the patient (patient, patient.identifier, identifier or _id)');
    return search;
  }

  /** A search's rows (one more than its page size, as searchResources returns them) as a page. */
  const pageOf = (search: FhirSearch, rows: MatchRow[]): SearchPage => ({ search, page: rows.slice(0, search.count), hasNext: rows.length > search.count });

  /** The searchset of one search after consent: permitted matches with their source, a Provenance, the per-patient consent status. */
  async function searchsetBundle(caller: Caller, type: string, params: URLSearchParams, result: SearchPage, kept: MatchRow[], decisions: Map<string, PdpDecision>): Promise<Bundle> {
    const { search, page, hasNext } = result;
    const resources = kept.map(withSource);
    const link = (offset: number) => {
      const u = new URL(`${fhirBase}/${type}`);
      for (const [k, v] of params) if (k !== '_offset') u.searchParams.append(k, v);
      u.searchParams.set('_offset', String(offset));
      return u.toString();
    };
    const consentEntry = consentOutcome(decisions);
    // Bundle.total only where it reveals nothing consent hides: one patient, whose consent permits everything.
    // On the last page the total is known without counting again (an empty first page: zero); only an
    // empty page past the end needs a count.
    const [only] = decisions.values();
    const revealable = decisions.size === 1 && search.patientIds?.length === 1 && only?.status === 'active';
    const lastPageKnown = !hasNext && (page.length > 0 || search.offset === 0);
    const total = !revealable ? undefined : lastPageKnown ? search.offset + page.length : await countResources(db, datasetKeyFor(caller.edr), search);
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      timestamp: new Date().toISOString(),
      ...(total === undefined ? {} : { total }),
      link: [
        { relation: 'self', url: link(search.offset) },
        ...(hasNext ? [{ relation: 'next', url: link(search.offset + search.count) }] : []),
        ...(search.offset > 0 ? [{ relation: 'previous', url: link(Math.max(0, search.offset - search.count)) }] : []),
      ],
      entry: [
        ...resources.map((r) => ({ fullUrl: `${fhirBase}/${r.resourceType}/${r.id}`, resource: r, search: { mode: 'match' as const } })),
        { fullUrl: `urn:uuid:${crypto.randomUUID()}`, resource: provenance(caller.edr, resources), search: { mode: 'include' as const } },
        ...(consentEntry ? [consentEntry] : []),
      ],
    };
  }

  // A FHIR batch of searches: one authentication, one patient resolution and ONE consent decision per
  // patient for the whole request (covering every category it returns), one audit event per patient.
  // The consumer reads a whole record in one round trip instead of one per resource type.
  app.post('/', async (c) => {
    const caller = c.get('caller');
    if (!PRIMARY_USE.has(caller.edr.purpose)) return outcome(c, 403, 'forbidden', `record-level access is not allowed for purpose ${caller.edr.purpose}; use $aggregate`);
    const parsed = parseSearchBatch(await c.req.json().catch(() => null));
    if (!parsed.ok) return outcome(c, 400, 'invalid', parsed.reason);
    const dataset = datasetKeyFor(caller.edr);
    const resolved = new Map<string, Promise<string[]>>();
    const patientIdsOf = (identifiers: string[]) => {
      const key = identifiers.join(',');
      let ids = resolved.get(key);
      if (!ids) resolved.set(key, (ids = patientIdsByIdentifier(db, dataset, identifiers)));
      return ids;
    };
    const failed = (status: 400 | 404, text: string): BundleEntry => ({
      response: { status: status === 400 ? '400 Bad Request' : '404 Not Found', outcome: operationOutcome('error', status === 400 ? 'invalid' : 'not-supported', text) },
    });
    const prepared: Array<FhirSearch | BundleEntry> = [];
    for (const entry of parsed.entries) {
      if ('error' in entry) {
        prepared.push(failed(entry.status, entry.error));
        continue;
      }
      try {
        prepared.push(await namePatient(entry.search, patientIdsOf));
      } catch (error) {
        if (!(error instanceof FhirSearchError)) throw error;
        prepared.push(failed(400, error.message));
      }
    }
    const isSearch = (p: FhirSearch | BundleEntry): p is FhirSearch => 'resourceType' in p;
    // Every search of the batch in one statement; a patient unknown here needs no query at all.
    const queried = prepared.filter(isSearch).filter((s) => s.patientIds?.length !== 0);
    const found = await searchResourcesTogether(db, dataset, queried);
    const rowsOf = new Map(queried.map((search, i) => [search, found[i] ?? []]));
    const results = prepared.map((p) => (isSearch(p) ? pageOf(p, rowsOf.get(p) ?? []) : p));
    const pages = results.filter((r): r is SearchPage => 'page' in r);
    const { kept, decisions } = await enforceConsent(caller, pages.flatMap((p) => p.page), `batch: ${parsed.entries.map((e) => e.url).join(' ; ')}`);
    const permitted = new Set(kept);
    const entry: BundleEntry[] = [];
    for (const [i, result] of results.entries()) {
      const request = parsed.entries[i];
      if (!('page' in result) || !request || 'error' in request) {
        entry.push(result as BundleEntry);
        continue;
      }
      const patients = new Set(result.page.map((r) => r.nationalId));
      const own = new Map([...decisions].filter(([patient]) => patients.has(patient)));
      const bundle = await searchsetBundle(caller, request.type, request.params, result, result.page.filter((r) => permitted.has(r)), own);
      entry.push({ resource: bundle, response: { status: '200 OK' } });
    }
    const response: Bundle = { resourceType: 'Bundle', type: 'batch-response', timestamp: new Date().toISOString(), entry };
    return c.body(JSON.stringify(response), 200, { 'content-type': FHIR_JSON });
  });

  app.get('/:type', async (c) => {
    const caller = c.get('caller');
    const type = c.req.param('type');
    if (!isSearchableType(type)) return outcome(c, 404, 'not-supported', `resource type ${type} is not served here`);
    if (!PRIMARY_USE.has(caller.edr.purpose)) return outcome(c, 403, 'forbidden', `record-level access is not allowed for purpose ${caller.edr.purpose}; use $aggregate`);
    const url = new URL(c.req.url);
    const dataset = datasetKeyFor(caller.edr);
    let search;
    try {
      search = await namePatient(parseSearch(type, url.searchParams), (identifiers) => patientIdsByIdentifier(db, dataset, identifiers));
    } catch (error) {
      if (error instanceof FhirSearchError) return outcome(c, 400, 'invalid', error.message);
      throw error;
    }
    const result = pageOf(search, search.patientIds?.length === 0 ? [] : await searchResources(db, dataset, search));
    const { kept, decisions } = await enforceConsent(caller, result.page, url.pathname + url.search);
    const bundle = await searchsetBundle(caller, type, url.searchParams, result, kept, decisions);
    return c.body(JSON.stringify(bundle), 200, { 'content-type': FHIR_JSON });
  });

  app.notFound((c) => outcome(c, 404, 'not-found', 'no such FHIR endpoint'));
  return { app, auditor };
}
