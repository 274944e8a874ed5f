import type { BundleEntry } from '@medplum/fhirtypes';
import type { PdpDecision } from '@/server/dataspace/runtime/authority-client';
import { CODE_SYSTEMS, CONSENT_BASIS_EXTENSION, CONSENT_DATE_EXTENSION } from '@/server/terminology/code-systems';

/**
 * Per-patient consent status as an OperationOutcome entry (search mode "outcome"): says whether consent
 * is active, partial or withdrawn, never shows the hidden content. Null when no patient was decided.
 */
export function consentOutcomeEntry(decisions: ReadonlyMap<string, PdpDecision>): BundleEntry | null {
  if (decisions.size === 0) return null;
  return {
    search: { mode: 'outcome' },
    resource: {
      resourceType: 'OperationOutcome',
      issue: [...decisions.entries()].map(([patient, d]) => ({
        severity: 'information' as const,
        code: d.status === 'active' ? ('informational' as const) : ('suppressed' as const),
        details: { coding: [{ system: CODE_SYSTEMS.consentStatus, code: d.status }], text: `patient ${patient}: consent ${d.status}` },
        expression: [`Patient.identifier.where(value='${patient}')`],
        // The basis of the decision, for the clinician's page: the patient's Consent version that decided
        // and its date (none: the deployment's defaults decided). A reference, never the rules themselves.
        ...(d.consentVersion ? { extension: [{ url: CONSENT_BASIS_EXTENSION, valueReference: { reference: `Consent/${d.consentVersion.consentId}/_history/${d.consentVersion.version}` } }, ...(d.consentVersion.dateTime ? [{ url: CONSENT_DATE_EXTENSION, valueDateTime: d.consentVersion.dateTime }] : [])] } : {}),
      })),
    },
  };
}
