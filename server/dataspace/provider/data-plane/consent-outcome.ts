import type { BundleEntry } from '@medplum/fhirtypes';
import type { PdpDecision } from '@/server/dataspace/runtime/authority-client';

export const CONSENT_STATUS_SYSTEM = 'https://d4h.example/fhir/CodeSystem/consent-status';

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
        details: { coding: [{ system: CONSENT_STATUS_SYSTEM, code: d.status }], text: `patient ${patient}: consent ${d.status}` },
        expression: [`Patient.identifier.where(value='${patient}')`],
      })),
    },
  };
}
