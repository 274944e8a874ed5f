import type { AuditEvent } from '@medplum/fhirtypes';
import { NATIONAL_HEALTH_ID_SYSTEM } from '@/server/terminology/code-systems';
import type { TAccessLogEntry } from '@/server/consent/access-log/access-log-entry';

// DICOM audit event types (as FHIR R4 AuditEvent.type uses them) and the HL7 v3 purpose of use.
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';

/** One entry of the person's access log as a FHIR R4 AuditEvent, for the export. */
export function accessLogAuditEvent(entry: TAccessLogEntry, nationalId: string): AuditEvent {
  const who = entry.who.name ?? entry.who.id ?? 'unknown';
  return {
    resourceType: 'AuditEvent',
    id: entry.key.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64),
    type: entry.emergency ? { system: DCM, code: '110127', display: 'Emergency Override Started' } : { system: DCM, code: '110110', display: 'Patient Record' },
    subtype: [{ code: entry.action }],
    action: entry.action === 'read' ? 'R' : 'E',
    recorded: entry.recorded,
    outcome: entry.outcome === 'denied' ? '4' : '0',
    ...(entry.detail || entry.emergency?.reason ? { outcomeDesc: [entry.emergency?.reason ? `emergency access: ${entry.emergency.reason}` : null, entry.detail].filter(Boolean).join('; ') } : {}),
    ...(entry.purpose ? { purposeOfEvent: [{ coding: [{ system: ACT_REASON, code: entry.purpose }] }] } : {}),
    agent: [
      {
        who: { display: who, ...(entry.who.id ? { identifier: { value: entry.who.id } } : {}) },
        ...(entry.who.role ? { role: [{ text: entry.who.role }] } : {}),
        requestor: true,
        ...(entry.who.organisation ? { location: { display: entry.who.organisation } } : {}),
      },
    ],
    source: { observer: { display: entry.holderName ?? entry.holderId, identifier: { value: entry.holderId } } },
    entity: [
      {
        what: { identifier: { system: NATIONAL_HEALTH_ID_SYSTEM, value: nationalId } },
        ...(entry.dataCategories.length ? { detail: [{ type: 'data-categories', valueString: entry.dataCategories.join(',') }] } : {}),
        ...(entry.agreementId ? { description: `agreement ${entry.agreementId}` } : {}),
      },
    ],
  };
}
