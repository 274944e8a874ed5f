import type { Resource } from '@medplum/fhirtypes';
import type { SourcedResource } from '@/server/dataspace/consumer/record-fan-out';
import type { TItemSource } from './merged-record-schema';

/** Where one resource of a merged item came from. */
export function itemSource(resource: Resource, source: SourcedResource['source'], date: string | null): TItemSource {
  return { providerId: source.providerId, datasetId: source.datasetId, agreementId: source.agreementId, fhirUrl: source.fhirUrl, resource: `${resource.resourceType}/${resource.id ?? ''}`, date };
}

/** Sources in a stable order: by provider, then resource. */
export const bySource = (a: TItemSource, b: TItemSource): number => a.providerId.localeCompare(b.providerId) || a.resource.localeCompare(b.resource);

/** ISO date strings, newest first; undated last. */
export const newestFirst = (a: string | null, b: string | null): number => (b ?? '').localeCompare(a ?? '');

/** The calendar day of a FHIR dateTime (its own offset kept: the day the provider recorded). */
export const dayOf = (date: string | null): string | null => (date ? date.slice(0, 10) : null);
