import type { Consent } from '@medplum/fhirtypes';
import { consentDigest, CONSENT_RECEIPT_SCHEMA, signConsentReceipt, type TConsentReceiptPurpose } from '@/server/dataspace/protocol/consent-receipt';
import type { ParticipantKeyPair } from '@/server/dataspace/protocol/participant-keys';
import { provisionsOf } from './consent-resource';

/** The person's choices in a Consent version, one receipt entry per rule (ISO/IEC TS 27560 "purpose" records). */
export function receiptPurposes(consent: Consent): TConsentReceiptPurpose[] {
  return provisionsOf(consent).map((p) => ({
    purpose: p.purpose ?? 'any',
    decision: p.decision,
    data: p.dataCategory ? [p.dataCategory] : 'all',
    recipients: p.organisation || p.professional ? [p.organisation, p.professional].filter((v): v is string => Boolean(v)) : 'all',
    validFrom: p.validFrom,
    validUntil: p.validUntil,
  }));
}

/** Signs the receipt of one Consent version with the authority's key (its JWKS verifies it). */
export function signReceiptFor(consent: Consent, row: { patient: string; version: number; recordedBy: string }, authority: { id: string; key: ParticipantKeyPair; withdrawalUrl: string }): Promise<string> {
  return signConsentReceipt(
    {
      sub: row.patient,
      jti: `urn:uuid:${crypto.randomUUID()}`,
      schemaVersion: CONSENT_RECEIPT_SCHEMA,
      piiPrincipalId: row.patient,
      piiController: authority.id,
      recordId: `Consent/${consent.id ?? ''}/_history/${row.version}`,
      version: row.version,
      timestamp: consent.dateTime ?? new Date().toISOString(),
      recordedBy: row.recordedBy,
      consentSha256: consentDigest(consent),
      purposes: receiptPurposes(consent),
      // GDPR Art. 7(3): withdrawing is as easy as giving, in the same place.
      withdrawal: { method: 'one click per purpose on the consent page of the patient portal, or a request to the data protection steward of the authority', url: authority.withdrawalUrl },
    },
    authority,
  );
}
