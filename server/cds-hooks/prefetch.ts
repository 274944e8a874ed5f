import type { Resource } from '@medplum/fhirtypes';
import { z } from 'zod';
import type { PrefetchKey } from '@/server/cds-hooks/services';
import { PREFETCH } from '@/server/cds-hooks/services';
import type { TCdsServiceRequest } from '@/server/cds-hooks/request-schema';
import { CdsRequestError } from '@/server/cds-hooks/cds-errors';

/**
 * The resources a service works from: each prefetch key from the request when the EHR sent it, or
 * fetched from the EHR's FHIR server with the access token it granted (CDS Hooks 2.0, "Prefetch" and
 * "FHIR Resource Access": a service falls back to fhirServer + fhirAuthorization for what was not
 * prefetched). A key the EHR sent as null means "no such data"; that is an answer, not a gap.
 */
export const FHIR_FETCH_TIMEOUT_MS = 3000;

const ZResourceSchema = z.object({ resourceType: z.string().regex(/^[A-Z][A-Za-z]+$/, 'must be a FHIR resource type') }).loose();
const ZBundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  entry: z.array(z.object({ resource: ZResourceSchema.optional() }).loose()).optional(),
}).loose();

export interface ResolvedPrefetch {
  /** Every resource found, Bundles flattened. */
  resources: Resource[];
  /** Where each key came from. */
  origin: Record<PrefetchKey, 'prefetch' | 'fhirServer' | 'none'>;
}

/** Turns a template into a relative FHIR URL for this patient (only {{context.patientId}} is used). */
export function fillTemplate(template: string, patientId: string): string {
  return template.replaceAll('{{context.patientId}}', encodeURIComponent(patientId));
}

function resourcesOf(key: string, value: unknown): Resource[] {
  if (value === null) return [];
  const bundle = ZBundleSchema.safeParse(value);
  if (bundle.success) return (bundle.data.entry ?? []).flatMap((e) => (e.resource ? [e.resource as unknown as Resource] : []));
  const resource = ZResourceSchema.safeParse(value);
  if (!resource.success) throw new CdsRequestError(400, `prefetch.${key} is not a FHIR resource or Bundle`);
  if (resource.data.resourceType === 'OperationOutcome') return [];
  return [resource.data as unknown as Resource];
}

async function fetchFromEhr(request: TCdsServiceRequest, key: PrefetchKey, patientId: string): Promise<unknown> {
  const base = (request.fhirServer ?? '').replace(/\/+$/, '');
  const url = `${base}/${fillTemplate(PREFETCH[key], patientId)}`;
  const headers: Record<string, string> = { Accept: 'application/fhir+json' };
  if (request.fhirAuthorization) headers.Authorization = `Bearer ${request.fhirAuthorization.access_token}`;
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(FHIR_FETCH_TIMEOUT_MS), redirect: 'error' });
  } catch (err) {
    const why = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${FHIR_FETCH_TIMEOUT_MS} ms` : 'unreachable';
    throw new CdsRequestError(412, `${key}: the EHR's FHIR server (${base}) is ${why}`, key);
  }
  if (response.status === 404 && key === 'patient') return null;
  if (!response.ok) throw new CdsRequestError(412, `${key}: the EHR's FHIR server answered ${response.status} to ${fillTemplate(PREFETCH[key], patientId)}`, key);
  try {
    return await response.json();
  } catch {
    throw new CdsRequestError(412, `${key}: the EHR's FHIR server did not answer JSON`, key);
  }
}

/**
 * Resolves every prefetch key. Without the data and without a fhirServer to ask, a required key is a
 * 412 naming it; an optional one is simply absent.
 */
export async function resolvePrefetch(request: TCdsServiceRequest, patientId: string, required: readonly PrefetchKey[]): Promise<ResolvedPrefetch> {
  const keys = Object.keys(PREFETCH) as PrefetchKey[];
  const sent = request.prefetch ?? {};
  const missing = keys.filter((k) => !Object.hasOwn(sent, k));
  if (!request.fhirServer) {
    const needed = missing.filter((k) => required.includes(k));
    if (needed.length > 0) throw new CdsRequestError(412, `prefetch ${needed.join(', ')} missing and no fhirServer to fetch ${needed.length === 1 ? 'it' : 'them'} from`, needed.join(','));
  }
  const fetched = request.fhirServer ? await Promise.all(missing.map(async (k) => [k, await fetchFromEhr(request, k, patientId)] as const)) : [];
  const values = new Map<PrefetchKey, unknown>([...keys.filter((k) => Object.hasOwn(sent, k)).map((k) => [k, sent[k]] as const), ...fetched]);
  const origin = Object.fromEntries(keys.map((k) => [k, Object.hasOwn(sent, k) ? 'prefetch' : request.fhirServer ? 'fhirServer' : 'none'])) as ResolvedPrefetch['origin'];
  return { resources: [...values.entries()].flatMap(([k, v]) => resourcesOf(k, v)), origin };
}
