import { DSP_BASE_PATH } from '@/server/dataspace/protocol/dspace-version';

/** Where a provider serves the JSON-LD context of its dataset metadata terms (next to its DSP endpoints). */
export const HEALTH_CONTEXT_PATH = `${DSP_BASE_PATH}/context/health-metadata.jsonld`;
export const healthContextUrl = (baseUrl: string): string => `${baseUrl}${HEALTH_CONTEXT_PATH}`;

/**
 * The prefixes of the HealthDCAT-AP and DPV terms the catalog's datasets carry (dcat and dct come with
 * the DSP context). Served by each provider itself, so that a JSON-LD client can expand its catalog
 * wherever it reaches the provider: the Eclipse DSP TCK expands every catalog it reads, and a context it
 * cannot load fails the catalog (issue 12). Namespaces: HealthDCAT-AP
 * (https://healthdcat-ap.github.io/, `healthdcatap:` = http://healthdataportal.eu/ns/health#) and the
 * W3C Data Privacy Vocabulary (https://w3id.org/dpv).
 */
export const HEALTH_CONTEXT = {
  '@context': {
    '@version': 1.1,
    healthdcatap: 'http://healthdataportal.eu/ns/health#',
    dpv: 'https://w3id.org/dpv#',
  },
} as const;
