import type { Provenance, Resource } from '@medplum/fhirtypes';
import type { EdrClaims } from '@/server/dataspace/protocol/edr-token';
import { datasetIri } from '@/server/dataspace/provider/catalog-access';

/** The Provenance of an answer: this provider as custodian, the agreement as policy, the dataset as source (first 200 targets). */
export function answerProvenance(provider: string, edr: EdrClaims, targets: Resource[]): Provenance {
  return {
    resourceType: 'Provenance',
    id: `prov-${edr.jti.slice(-12)}-${Date.now()}`,
    target: targets.slice(0, 200).map((r) => ({ reference: `${r.resourceType}/${r.id}` })),
    recorded: new Date().toISOString(),
    policy: [edr.agreementId],
    agent: [{ type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'custodian' }] }, who: { identifier: { value: provider }, display: provider } }],
    entity: [{ role: 'source', what: { identifier: { system: 'urn:d4h:dataset', value: datasetIri(provider, edr.datasetId) } } }],
  };
}
