import { and, countDistinct, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { fhirResource } from '@/db/participant/schema/fhir-resource';
import { DSP_CONTEXT, HTTP_DATA_PULL, type DspCatalog, type DspDataset, type OdrlOffer } from '@/server/dataspace/protocol/dsp-types';
import { assertDspMessage } from '@/server/dataspace/protocol/dsp-validator';
import { DSP_BASE_PATH } from '@/server/dataspace/protocol/dspace-version';
import { PURPOSE_INFO, PURPOSE_LEFT_OPERAND, ROLE_LEFT_OPERAND, type Purpose } from '@/server/dataspace/protocol/purpose-of-use';
import type { DatasetDefinition } from './datasets';
import { digitalTwinStats } from './data-plane/digital-twin-aggregate';
import { healthContextUrl } from './health-context';
import { canonical } from '@/server/dataspace/protocol/odrl-offer';

export const datasetIri = (provider: string, key: string): string => `urn:d4h:dataset:${provider}:${key}`;
export const offerIri = (provider: string, key: string, purpose: Purpose): string => `urn:d4h:offer:${provider}:${key}:${purpose}`;
const datasetIdOf = (provider: string, def: DatasetDefinition): string => def.iri ?? datasetIri(provider, def.key);
export const offerIdOf = (provider: string, def: DatasetDefinition, offer: DatasetDefinition['offers'][number]): string => offer.iri ?? offerIri(provider, def.key, offer.purpose);

/** The dataset definition and offer a catalog offer @id stands for, if this provider has it. */
export function findOffer(provider: string, datasets: readonly DatasetDefinition[], offerId: string): { def: DatasetDefinition; offer: DatasetDefinition['offers'][number] } | undefined {
  for (const def of datasets) {
    const offer = def.offers.find((o) => offerIdOf(provider, def, o) === offerId);
    if (offer) return { def, offer };
  }
  return undefined;
}

/** The ODRL offer of one dataset for one purpose: permission with purpose and role constraints, prohibitions, a deletion duty. */
export function buildOffer(provider: string, def: DatasetDefinition, offer: DatasetDefinition['offers'][number]): OdrlOffer {
  if (offer.unconstrained) return { '@id': offerIdOf(provider, def, offer), '@type': 'Offer', assigner: provider, permission: [{ action: 'use', constraint: [] }] };
  return {
    '@id': offerIdOf(provider, def, offer),
    '@type': 'Offer',
    // No target here: in a catalog the dataset is the target (the schema forbids one); requests add it.
    assigner: provider,
    permission: [
      {
        action: 'use',
        constraint: [
          { leftOperand: PURPOSE_LEFT_OPERAND, operator: 'eq', rightOperand: offer.purpose },
          { leftOperand: ROLE_LEFT_OPERAND, operator: 'isAnyOf', rightOperand: offer.roles },
        ],
        duty: [{ action: 'delete', constraint: [{ leftOperand: 'elapsedTime', operator: 'lteq', rightOperand: PURPOSE_INFO[offer.purpose].secondaryUse ? 'P180D' : 'P1D' }] }],
      },
    ],
    prohibition: [
      { action: 'https://d4h.example/odrl/reidentify' },
      { action: 'distribute' },
    ],
  };
}

export interface DatasetStats {
  records: number;
  individuals: number;
  minAge: number | null;
  maxAge: number | null;
}

/** Record counts and age range for the catalog, from whichever store holds the dataset. */
export async function statsOf(db: Database, def: DatasetDefinition): Promise<DatasetStats> {
  return def.store === 'digital-twins' ? digitalTwinStats(db) : datasetStats(db, def.key);
}

export async function datasetStats(db: Database, key: string): Promise<DatasetStats> {
  const [counts] = await db.select({ records: sql<number>`count(*)::int`, individuals: countDistinct(fhirResource.patientId) }).from(fhirResource).where(eq(fhirResource.datasetId, key));
  const [ages] = await db
    .select({
      min: sql<number | null>`min(extract(year from age(${fhirResource.date})))::int`,
      max: sql<number | null>`max(extract(year from age(${fhirResource.date})))::int`,
    })
    .from(fhirResource)
    .where(and(eq(fhirResource.datasetId, key), eq(fhirResource.resourceType, 'Patient')));
  return { records: counts?.records ?? 0, individuals: Number(counts?.individuals ?? 0), minAge: ages?.min ?? null, maxAge: ages?.max ?? null };
}

/** A dataset entry with HealthDCAT-AP metadata and the offers this consumer may see. */
export function buildDataset(provider: string, def: DatasetDefinition, stats: DatasetStats, purposes: readonly Purpose[]): DspDataset | null {
  const offers = def.offers.filter((o) => purposes.includes(o.purpose)).map((o) => buildOffer(provider, def, o));
  if (offers.length === 0) return null;
  return {
    '@id': datasetIdOf(provider, def),
    '@type': 'Dataset',
    'dct:title': def.title,
    'dct:description': def.description,
    'dcat:theme': `http://publications.europa.eu/resource/authority/data-theme/${def.theme}`,
    'dct:accessRights': `http://publications.europa.eu/resource/authority/access-right/${def.accessRights}`,
    'dct:publisher': provider,
    'healthdcatap:numberOfRecords': stats.records,
    'healthdcatap:numberOfUniqueIndividuals': stats.individuals,
    'healthdcatap:minTypicalAge': stats.minAge,
    'healthdcatap:maxTypicalAge': stats.maxAge,
    'healthdcatap:hasCodingSystem': def.codingSystems,
    'dpv:hasLegalBasis': def.legalBasis,
    'dpv:hasPurpose': def.offers.map((o) => o.purpose),
    'dpv:hasPersonalData': def.personalDataCategories,
    'healthdcatap:aggregateOnlyPurposes': def.aggregateOnlyPurposes,
    hasPolicy: offers,
    distribution: [{ '@type': 'Distribution', format: HTTP_DATA_PULL, accessService: `urn:d4h:service:${provider}` }],
  };
}

export function buildCatalog(input: { provider: string; baseUrl: string; datasets: DspDataset[] }): DspCatalog {
  const catalog = {
    '@context': [DSP_CONTEXT, healthContextUrl(input.baseUrl)],
    '@id': `urn:d4h:catalog:${input.provider}`,
    '@type': 'Catalog',
    participantId: input.provider,
    'dct:title': `Catalog of ${input.provider} (synthetic)`,
    // catalog.protocol.md, DataService: endpointURL is the connector's DSP base, where a consumer negotiates
    // (the FHIR data plane is reached through the transfer's DataAddress, not from the catalog).
    service: [{ '@id': `urn:d4h:service:${input.provider}`, '@type': 'DataService', endpointURL: `${input.baseUrl}${DSP_BASE_PATH}` }],
    // The schema wants at least one dataset when the key is present; a consumer offered nothing sees none.
    ...(input.datasets.length > 0 ? { dataset: input.datasets } : {}),
  };
  return assertDspMessage<DspCatalog>('Catalog', catalog);
}

/**
 * True when a requested offer is the catalog offer unchanged (the consumer may not rewrite terms). An
 * empty `constraint` or `duty` list is the same rule as none (JSON-LD: no value, no triple): the DSP TCK
 * requests `{"action": "use"}` for an offer the catalog states with `"constraint": []`.
 */
export function canonicalOfferMatch(catalogOffer: OdrlOffer, requested: OdrlOffer): boolean {
  const rule = <R extends { constraint?: unknown[]; duty?: unknown[] }>({ constraint, duty, ...rest }: R) => ({ ...rest, ...(constraint?.length ? { constraint } : {}), ...(duty?.length ? { duty } : {}) });
  const strip = (o: OdrlOffer) => ({ id: o['@id'], permission: (o.permission ?? []).map(rule), prohibition: (o.prohibition ?? []).map(rule), obligation: (o.obligation ?? []).map(rule) });
  return canonical(strip(catalogOffer)) === canonical(strip(requested));
}
