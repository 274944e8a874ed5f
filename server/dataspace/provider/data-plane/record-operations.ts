import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { Database } from '@/db/client';
import type { PdpDecision } from '@/server/dataspace/runtime/authority-client';
import { operationOutcome } from '@/server/fhir/operation-outcome';
import { countResources, patientIdsByIdentifier, readResource } from '@/server/fhir/resource-store';
import { parseSearchBatch, type ParsedBatch } from '@/server/fhir/search-batch';
import { searchResources, searchResourcesTogether, type MatchRow } from '@/server/fhir/search-batch-store';
import { FhirSearchError, isSearchableType, parseSearch, type FhirSearch, type SearchableType } from '@/server/fhir/search-params';
import { searchsetBundle, withSource } from '@/server/fhir/searchset-bundle';
import { isRefusal, refusal, type Caller, type GateOperation, type Permitted, type Refusal } from './consent-gate';
import { consentOutcomeEntry } from './consent-outcome';
import { answerProvenance } from './provenance';

/** Record-level (patient by patient) access is primary use only; research gets aggregates. */
const PRIMARY_USE = new Set(['TREAT', 'ETREAT']);

/** Where this provider's answers live, for meta.source, fullUrl and paging links. */
export interface FhirBase {
  provider: string;
  fhirBase: string;
}

const primaryUseOnly = (caller: Caller): Refusal | null =>
  PRIMARY_USE.has(caller.edr.purpose) ? null : refusal(403, 'forbidden', `record-level access is not allowed for purpose ${caller.edr.purpose}; use $aggregate`);

/** The resource type a read or search is about, or why it is refused before the store is asked (a type not served here, or not primary use). */
const servedType = (type: string, caller: Caller): SearchableType | Refusal =>
  isSearchableType(type) ? (primaryUseOnly(caller) ?? type) : refusal(404, 'not-supported', `resource type ${type} is not served here`);

/** The rows the gate let through, in the candidates' order. */
const keptOf = (permitted: Permitted): { kept: MatchRow[]; decisions: Map<string, PdpDecision> } =>
  permitted.kind === 'records' ? permitted : { kept: [], decisions: new Map() };

/** `GET [type]/[id]`: one resource, if its patient's consent permits its category. */
export function readOperation(base: FhirBase, type: string, id: string, query: string): GateOperation<Resource> {
  return {
    query,
    async candidates(store, caller) {
      const served = servedType(type, caller);
      if (isRefusal(served)) return served;
      const row = await readResource(store, caller.edr.datasetId, served, id);
      if (!row) return refusal(404, 'not-found', `${type}/${id} is not known`);
      return { kind: 'records', rows: [{ id: row.id, nationalId: row.nationalId, dataCategory: row.dataCategory, resource: row.resource }] };
    },
    async answer(_store, _caller, permitted) {
      const [row] = keptOf(permitted).kept;
      if (!row) return refusal(403, 'forbidden', "access to this resource is not permitted by the patient's consent");
      return withSource(row.resource as Resource, base.fhirBase);
    },
  };
}

interface SearchPage {
  search: FhirSearch;
  page: MatchRow[];
  hasNext: boolean;
}

/** A search's rows (one more than its page size, as searchResources returns them) as a page. */
const pageOf = (search: FhirSearch, rows: MatchRow[]): SearchPage => ({ search, page: rows.slice(0, search.count), hasNext: rows.length > search.count });

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

/** The searchset of one search after consent: permitted matches with their source, a Provenance, the per-patient consent status. */
async function permittedSearchset(store: Database, base: FhirBase, caller: Caller, request: { type: string; params: URLSearchParams }, result: SearchPage, kept: MatchRow[], decisions: Map<string, PdpDecision>): Promise<Bundle> {
  const { search, page, hasNext } = result;
  const matches = kept.map((r) => withSource(r.resource as Resource, base.fhirBase));
  const consentEntry = consentOutcomeEntry(decisions);
  // Bundle.total only where it reveals nothing consent hides: one patient, whose consent permits everything.
  // On the last page the total is known without counting again (an empty first page: zero); only an
  // empty page past the end needs a count.
  const [only] = decisions.values();
  const revealable = decisions.size === 1 && search.patientIds?.length === 1 && only?.status === 'active';
  const lastPageKnown = !hasNext && (page.length > 0 || search.offset === 0);
  const total = !revealable ? undefined : lastPageKnown ? search.offset + page.length : await countResources(store, caller.edr.datasetId, search);
  const provenance: BundleEntry = { fullUrl: `urn:uuid:${crypto.randomUUID()}`, resource: answerProvenance(base.provider, caller.edr, matches), search: { mode: 'include' } };
  return searchsetBundle({ fhirBase: base.fhirBase, type: request.type, params: request.params, search, hasNext, matches, extra: [provenance, ...(consentEntry ? [consentEntry] : [])], total });
}

/** `GET [type]?…`: one search for care, naming its patient. */
export function searchOperation(base: FhirBase, type: string, params: URLSearchParams, query: string): GateOperation<Bundle> {
  let result: SearchPage | null = null;
  return {
    query,
    async candidates(store, caller) {
      const served = servedType(type, caller);
      if (isRefusal(served)) return served;
      const dataset = caller.edr.datasetId;
      let search: FhirSearch;
      try {
        search = await namePatient(parseSearch(served, params), (identifiers) => patientIdsByIdentifier(store, dataset, identifiers));
      } catch (error) {
        if (error instanceof FhirSearchError) return refusal(400, 'invalid', error.message);
        throw error;
      }
      result = pageOf(search, search.patientIds?.length === 0 ? [] : await searchResources(store, dataset, search));
      return { kind: 'records', rows: result.page };
    },
    async answer(store, caller, permitted) {
      if (!result) throw new Error('answer before candidates');
      const { kept, decisions } = keptOf(permitted);
      return permittedSearchset(store, base, caller, { type, params }, result, kept, decisions);
    },
  };
}

// A FHIR batch of searches: one authentication, one patient resolution and ONE consent decision per
// patient for the whole request (covering every category it returns), one audit event per patient.
// The consumer reads a whole record in one round trip instead of one per resource type.
/** `POST [base]` with a batch Bundle of searches (the consumer's record read). */
export function batchOperation(base: FhirBase, body: unknown): GateOperation<Bundle> {
  const parsed: ParsedBatch = parseSearchBatch(body);
  const results: Array<SearchPage | BundleEntry> = [];
  return {
    query: parsed.ok ? `batch: ${parsed.entries.map((e) => e.url).join(' ; ')}` : 'batch (invalid)',
    async candidates(store, caller) {
      const denied = primaryUseOnly(caller);
      if (denied) return denied;
      if (!parsed.ok) return refusal(400, 'invalid', parsed.reason);
      const dataset = caller.edr.datasetId;
      const resolved = new Map<string, Promise<string[]>>();
      const patientIdsOf = (identifiers: string[]) => {
        const key = identifiers.join(',');
        let ids = resolved.get(key);
        if (!ids) resolved.set(key, (ids = patientIdsByIdentifier(store, dataset, identifiers)));
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
      const found = await searchResourcesTogether(store, dataset, queried);
      const rowsOf = new Map(queried.map((search, i) => [search, found[i] ?? []]));
      results.push(...prepared.map((p) => (isSearch(p) ? pageOf(p, rowsOf.get(p) ?? []) : p)));
      return { kind: 'records', rows: results.flatMap((r) => ('page' in r ? r.page : [])) };
    },
    async answer(store, caller, permitted) {
      if (!parsed.ok) throw new Error('answer to an invalid batch');
      const { kept, decisions } = keptOf(permitted);
      const allowed = new Set(kept);
      const entry: BundleEntry[] = [];
      for (const [i, result] of results.entries()) {
        const request = parsed.entries[i];
        if (!('page' in result) || !request || 'error' in request) {
          entry.push(result as BundleEntry);
          continue;
        }
        const patients = new Set(result.page.map((r) => r.nationalId));
        const own = new Map([...decisions].filter(([patient]) => patients.has(patient)));
        const bundle = await permittedSearchset(store, base, caller, request, result, result.page.filter((r) => allowed.has(r)), own);
        entry.push({ resource: bundle, response: { status: '200 OK' } });
      }
      return { resourceType: 'Bundle', type: 'batch-response', timestamp: new Date().toISOString(), entry };
    },
  };
}
