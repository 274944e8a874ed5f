import type { Patient } from '@medplum/fhirtypes';
import type { FanOutResult } from '@/server/dataspace/consumer/record-fan-out';
import type { TRecordOutput } from '@/server/api/routers/patients/record.schema';
import { NATIONAL_HEALTH_ID_SYSTEM } from '@/server/terminology/code-systems';
import { itemSource } from './item-source';
import { mergedRecord } from './merged-record';

/**
 * The clinician's view of a fan-out: one patient (however many providers hold them) with each
 * provider's answer and consent state, and the reconciled record with a source on every item.
 */
export function patientRecordView(result: FanOutResult, legalNames: Map<string, string>): Omit<TRecordOutput, 'access'> {
  const patients = result.resources.filter((r): r is { resource: Patient; source: typeof r.source } => r.resource.resourceType === 'Patient');
  const first = patients[0]?.resource;
  const name = first?.name?.[0];
  return {
    nationalId: result.nationalId,
    locator: { ok: result.locatorOk, detail: result.locatorDetail },
    patient: first
      ? {
          name: [name?.given?.join(' '), name?.family].filter(Boolean).join(' ') || result.nationalId,
          gender: first.gender ?? null,
          birthDate: first.birthDate ?? null,
          sources: patients.map(({ resource: p, source }) => ({ ...itemSource(p, source, null), localIdentifier: p.identifier?.find((i) => i.system !== NATIONAL_HEALTH_ID_SYSTEM)?.value ?? p.id ?? null })),
        }
      : null,
    providers: result.providers.map((p) => ({ providerId: p.providerId, legalName: legalNames.get(p.providerId) ?? null, status: p.status, detail: p.detail, consent: p.consent, consentBasis: p.consentBasis, agreementId: p.agreementId, resources: p.resources, truncated: p.truncated, elapsedMs: p.elapsedMs })),
    ...mergedRecord(result.resources),
  };
}
