import type { Resource } from '@medplum/fhirtypes';
import type { SourcedResource } from '@/server/dataspace/consumer/record-fan-out';
import { demoPersons } from './people';
import { genomicsRecord } from './genomics-record';
import { hospitalRecord } from './hospital-record';
import { EHR_SEED } from './population';

/** A resource as a provider's answer carries it (tests only). */
export const sourced = (providerId: string, resource: Resource): SourcedResource => ({
  resource,
  source: { providerId, datasetId: 'ehr', agreementId: `agr-${providerId}`, fhirUrl: `http://${providerId}/fhir/r4/${resource.resourceType}/${resource.id ?? ''}`, retrievedAt: '2026-06-30T00:00:00Z' },
});

/**
 * The records the participants' generators hold of a demo patient, as a fan-out returns them: every
 * hospital holding the person and, for an oncology patient, the genomics lab. Tests only.
 */
export function demoFanOut(nationalId: string): SourcedResource[] {
  const person = demoPersons().find((p) => p.nationalId === nationalId);
  if (!person) throw new Error(`no demo person ${nationalId}`);
  const hospitals = person.heldBy.flatMap((provider) => hospitalRecord(EHR_SEED, provider, person).map((s) => sourced(provider, s.resource)));
  const genomics = person.oncology ? genomicsRecord('research-institute', person).map((s) => sourced('research-institute', s.resource)) : [];
  // Encounters are not part of a record read (record-fan-out RECORD_TYPES); keep the rest.
  return [...hospitals, ...genomics].filter((r) => r.resource.resourceType !== 'Encounter');
}
