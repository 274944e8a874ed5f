import type { Bundle, OperationOutcome, Provenance, Resource } from '@medplum/fhirtypes';
import type { DspConsumer } from '@/server/dataspace/protocol/dsp-client';
import { CODE_SYSTEMS, CONSENT_BASIS_EXTENSION, CONSENT_DATE_EXTENSION, NATIONAL_HEALTH_ID_SYSTEM } from '@/server/terminology/code-systems';
import type { AuthorityDirectory } from './authority-directory';
import type { CircuitBreaker } from './circuit-breaker';
import { classifyDspError, ContractRefused, ProviderUnreachable } from './consumer-errors';
import type { ContractManager, LiveTransfer } from './contract-manager';


export const PROVIDER_STATUSES = ['ok', 'timeout', 'unavailable', 'denied'] as const;
export type ProviderStatus = (typeof PROVIDER_STATUSES)[number];
export const CONSENT_STATES = ['active', 'partial', 'withdrawn', 'unknown'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

export interface ProviderOutcome {
  providerId: string;
  status: ProviderStatus;
  detail: string | null;
  consent: ConsentState;
  /** The patient's Consent version the provider's decision rests on (null: the defaults, or no decision). */
  consentBasis: ConsentBasis | null;
  agreementId: string | null;
  datasetId: string | null;
  resources: number;
  /** More matches than one page held for some resource type. */
  truncated: boolean;
  elapsedMs: number;
}

export interface ResourceSource {
  providerId: string;
  datasetId: string;
  agreementId: string;
  /** meta.source of the resource: its URL at the provider. */
  fhirUrl: string | null;
  retrievedAt: string;
}

export interface SourcedResource {
  resource: Resource;
  source: ResourceSource;
}

export interface FanOutResult {
  nationalId: string;
  /** False when the record locator could not be asked: then no provider was either. */
  locatorOk: boolean;
  locatorDetail: string | null;
  providers: ProviderOutcome[];
  resources: SourcedResource[];
}

export interface Practitioner {
  userId: string;
  role: string;
  /** The professional's own organisation (a hospital), which consent rules name; the consumer's id when the user has none. */
  organisation?: string;
  purpose: string;
  breakGlassReason?: string;
}

/** The resource types of a patient's record: one search each, all in one batch per provider. */
export const RECORD_TYPES = ['Patient', 'Condition', 'Observation', 'MedicationRequest', 'MedicationStatement', 'Procedure', 'DiagnosticReport'] as const;

/**
 * One search of a fan-out: a resource type and extra parameters (the patient's identifier is added).
 * A record read asks for everything; a lighter read (the patient list) asks for a few codes.
 */
export interface PatientSearch {
  type: (typeof RECORD_TYPES)[number];
  params?: string;
  count?: number;
}

const WHOLE_RECORD: readonly PatientSearch[] = RECORD_TYPES.map((type) => (type === 'Patient' ? { type } : { type, params: '_sort=-date' }));

const GET_RETRIES = 2;
const PAGE_SIZE = 200;

class FhirDenied extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'FhirDenied';
  }
}
class FhirTimeout extends Error {
  constructor() {
    super('no answer within the time limit');
    this.name = 'FhirTimeout';
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new FhirTimeout());
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(new FhirTimeout())), { once: true });
  });
}

/** Jittered exponential backoff: 50, 150 ms (± 25 %). */
const backoff = (attempt: number) => 50 * 3 ** attempt * (0.75 + Math.random() * 0.5);

async function outcomeText(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as OperationOutcome | null;
  return body?.issue?.[0]?.diagnostics ?? body?.issue?.[0]?.details?.text ?? `answered ${response.status}`;
}

interface FanOutDeps {
  dsp: () => Promise<DspConsumer>;
  directory: AuthorityDirectory;
  contracts: ContractManager;
  breaker: (providerId: string) => CircuitBreaker;
  fhirTimeoutMs: number;
  contractTimeoutMs: number;
}

function withDeadline<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * One data-plane call with the EDR; retries network errors, 429 and 5xx with backoff (searches only
 * read, so a repeated batch of searches is as safe as a repeated GET); one EDR refresh on 401.
 */
async function searchOnce(deps: FanOutDeps, start: LiveTransfer, path: string, practitioner: Practitioner, signal: AbortSignal, body?: Bundle): Promise<Bundle> {
  let live = start;
  let refreshed = false;
  const dsp = await deps.dsp();
  for (let attempt = 0; ; attempt += 1) {
    let response: Response;
    try {
      response = await dsp.fhir(live.transfer, path, practitioner, body ? { method: 'POST', body, signal } : { signal });
    } catch (error) {
      if (signal.aborted) throw new FhirTimeout();
      if (attempt < GET_RETRIES) {
        await sleep(backoff(attempt), signal);
        continue;
      }
      throw classifyDspError(live.transfer.providerId, error);
    }
    if (response.ok) return (await response.json()) as Bundle;
    if (response.status === 401 && !refreshed) {
      // The EDR expired or the provider restarted and forgot nothing but the token: fetch a new one once.
      await response.body?.cancel();
      refreshed = true;
      deps.contracts.dropToken(live.transfer.providerId, live.purpose);
      live = await deps.contracts.ensure(live.transfer.providerId, live.transfer.providerUrl, live.purpose);
      continue;
    }
    if ((response.status === 429 || response.status >= 500) && attempt < GET_RETRIES) {
      await response.body?.cancel();
      await sleep(backoff(attempt), signal);
      continue;
    }
    const text = await outcomeText(response);
    if (response.status === 401 || response.status === 403) throw new FhirDenied(text);
    throw new ProviderUnreachable(live.transfer.providerId, `answered ${response.status}: ${text}`);
  }
}

/** The searchsets of a batch-response, in request order; an entry the provider refused fails the whole read. */
function searchsetsOf(providerId: string, response: Bundle): Bundle[] {
  if (response.resourceType !== 'Bundle' || response.type !== 'batch-response') throw new ProviderUnreachable(providerId, 'answered the record batch with something other than a batch-response');
  return (response.entry ?? []).map((e) => {
    const status = Number.parseInt(e.response?.status ?? '', 10);
    if (status >= 200 && status < 300 && e.resource?.resourceType === 'Bundle') return e.resource as Bundle;
    const text = e.response?.outcome?.issue?.[0]?.diagnostics ?? e.response?.outcome?.issue?.[0]?.details?.text ?? `an entry answered ${e.response?.status ?? 'nothing'}`;
    if (status === 401 || status === 403) throw new FhirDenied(text);
    throw new ProviderUnreachable(providerId, `answered ${status || 'an unreadable status'}: ${text}`);
  });
}

export interface ConsentBasis {
  /** FHIR reference of the version: Consent/<id>/_history/<version>. */
  reference: string;
  version: number;
  recorded: string | null;
}

/** The newest Consent version any of the provider's decisions names. */
function consentBasisOf(bundles: Bundle[], nationalId: string): ConsentBasis | null {
  let best: ConsentBasis | null = null;
  for (const issue of bundles.flatMap((b) => (b.entry ?? []).filter((e) => e.search?.mode === 'outcome' && e.resource?.resourceType === 'OperationOutcome').flatMap((e) => (e.resource as OperationOutcome).issue))) {
    if (issue.expression && !issue.expression.some((x) => x.includes(nationalId))) continue;
    const reference = issue.extension?.find((x) => x.url === CONSENT_BASIS_EXTENSION)?.valueReference?.reference;
    const version = Number(reference?.split('/_history/')[1]);
    if (!reference || !Number.isInteger(version)) continue;
    if (!best || version > best.version) best = { reference, version, recorded: issue.extension?.find((x) => x.url === CONSENT_DATE_EXTENSION)?.valueDateTime ?? null };
  }
  return best;
}

function consentOf(bundles: Bundle[], nationalId: string): ConsentState {
  const codes = bundles.flatMap((b) =>
    (b.entry ?? [])
      .filter((e) => e.search?.mode === 'outcome' && e.resource?.resourceType === 'OperationOutcome')
      .flatMap((e) => (e.resource as OperationOutcome).issue)
      .filter((i) => !i.expression || i.expression.some((x) => x.includes(nationalId)))
      .flatMap((i) => i.details?.coding ?? [])
      .filter((c) => c.system === CODE_SYSTEMS.consentStatus)
      .map((c) => c.code),
  );
  if (codes.includes('withdrawn')) return codes.every((c) => c === 'withdrawn') ? 'withdrawn' : 'partial';
  if (codes.includes('partial')) return 'partial';
  return codes.includes('active') ? 'active' : 'unknown';
}

/**
 * Reads one patient's record from every provider the record locator names, in parallel, each within
 * its own time budget; a provider that is down, slow or refuses becomes a status, never an exception.
 */
export async function fanOutRecord(deps: FanOutDeps, input: { nationalId: string; practitioner: Practitioner; identity: Parameters<AuthorityDirectory['locate']>[0]; searches?: readonly PatientSearch[] }): Promise<FanOutResult> {
  let providerIds: string[];
  try {
    providerIds = await deps.directory.locate(input.identity, input.nationalId);
  } catch (error) {
    return { nationalId: input.nationalId, locatorOk: false, locatorDetail: classifyDspError('ehealth-agency', error).reason, providers: [], resources: [] };
  }
  const identifier = encodeURIComponent(`${NATIONAL_HEALTH_ID_SYSTEM}|${input.nationalId}`);
  const purpose = input.practitioner.purpose;

  const fromProvider = async (providerId: string): Promise<{ outcome: ProviderOutcome; resources: SourcedResource[] }> => {
    const started = performance.now();
    const breaker = deps.breaker(providerId);
    const base = { providerId, consent: 'unknown' as ConsentState, consentBasis: null, agreementId: null, datasetId: null, resources: 0, truncated: false };
    const done = (status: ProviderStatus, detail: string | null) => ({ outcome: { ...base, status, detail, elapsedMs: Math.round(performance.now() - started) }, resources: [] });
    if (!breaker.allow()) return done('unavailable', 'not answering (circuit open after repeated failures; retried shortly)');
    const controller = new AbortController();
    let timedOut = false;
    try {
      const url = await deps.directory.providerUrl(providerId);
      if (!url) {
        breaker.neutral();
        return done('unavailable', 'not an active participant with a known address');
      }
      const live = await withDeadline(deps.contracts.ensure(providerId, url, purpose), deps.contractTimeoutMs, () => new FhirTimeout());
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, deps.fhirTimeoutMs);
      let bundles: Bundle[];
      try {
        // The whole record in one round trip: a FHIR batch of one search per resource type, for which
        // the provider makes one consent decision and writes one audit event.
        const batch: Bundle = {
          resourceType: 'Bundle',
          type: 'batch',
          entry: (input.searches ?? WHOLE_RECORD).map(({ type, params, count }) => {
            const query = [type === 'Patient' ? `identifier=${identifier}` : `patient.identifier=${identifier}`, params, `_count=${count ?? PAGE_SIZE}`].filter(Boolean).join('&');
            return { request: { method: 'GET' as const, url: `${type}?${query}` } };
          }),
        };
        bundles = searchsetsOf(providerId, await searchOnce(deps, live, '', input.practitioner, controller.signal, batch));
      } finally {
        clearTimeout(timer);
        // Stop the sibling searches of a provider that already failed.
        controller.abort();
      }
      breaker.success();
      const retrievedAt = new Date().toISOString();
      const resources: SourcedResource[] = [];
      for (const bundle of bundles) {
        const provenance = bundle.entry?.find((e) => e.resource?.resourceType === 'Provenance')?.resource as Provenance | undefined;
        const datasetId = provenance?.entity?.[0]?.what?.identifier?.value ?? live.datasetId;
        const agreementId = provenance?.policy?.[0] ?? live.transfer.agreementId;
        for (const e of bundle.entry ?? []) {
          if (e.search?.mode !== 'match' || !e.resource) continue;
          resources.push({ resource: e.resource, source: { providerId, datasetId, agreementId, fhirUrl: e.resource.meta?.source ?? e.fullUrl ?? null, retrievedAt } });
        }
      }
      const consent = consentOf(bundles, input.nationalId);
      const outcome: ProviderOutcome = {
        providerId,
        status: consent === 'withdrawn' ? 'denied' : 'ok',
        detail: consent === 'withdrawn' ? `the patient's consent for ${purpose} is withdrawn at this provider` : consent === 'partial' ? 'part of the record is withheld by the patient\'s consent' : null,
        consent,
        consentBasis: consentBasisOf(bundles, input.nationalId),
        agreementId: live.transfer.agreementId,
        datasetId: live.datasetId || null,
        resources: resources.length,
        truncated: bundles.some((b) => b.link?.some((l) => l.relation === 'next')),
        elapsedMs: Math.round(performance.now() - started),
      };
      return { outcome, resources };
    } catch (error) {
      if (error instanceof FhirDenied) {
        breaker.neutral();
        return done('denied', error.reason);
      }
      if (error instanceof FhirTimeout || timedOut) {
        breaker.failure();
        return done('timeout', `no answer within ${deps.fhirTimeoutMs} ms`);
      }
      const classified = classifyDspError(providerId, error);
      if (classified instanceof ContractRefused) {
        breaker.neutral();
        return done('denied', classified.reason);
      }
      breaker.failure();
      return done('unavailable', classified.reason);
    }
  };

  const results = await Promise.all(providerIds.map(fromProvider));
  return { nationalId: input.nationalId, locatorOk: true, locatorDetail: null, providers: results.map((r) => r.outcome), resources: results.flatMap((r) => r.resources) };
}
