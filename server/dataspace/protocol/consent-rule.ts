/**
 * One rule of a person's consent as it crosses the wire between the authority and the portal: one
 * nested provision of their FHIR Consent (server/dataspace/authority/consent-resource.ts). A null field
 * means "any" (any purpose, any organisation, ...).
 */
export interface ConsentRuleWire {
  /** Stable across versions (FHIR Element.id), so a rule can be named, and withdrawn, by it. */
  id: string;
  decision: 'permit' | 'deny';
  purpose: string | null;
  organisation: string | null;
  professional: string | null;
  dataCategory: string | null;
  validFrom: string | null;
  validUntil: string | null;
}
