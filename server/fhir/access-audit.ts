import type { AuditEvent } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import type { Database } from '@/db/client';
import { providerAuditEvent } from '@/db/participant/schema/provider-audit';
import type { AccessEventReport, AuthorityClient } from '@/server/dataspace/runtime/authority-client';

export interface AccessRecord {
  provider: string;
  patient: string | null;
  consumer: string | null;
  professional: string | null;
  professionalRole: string | null;
  purpose: string;
  query: string;
  outcome: 'allowed' | 'denied' | 'partial';
  detail: string;
  breakGlass: boolean;
}

/** A FHIR AuditEvent for one access (DICOM "query" event; ETREAT marked as an emergency override, DICOM 110127). */
export function accessAuditEvent(r: AccessRecord, id: string, at: Date): AuditEvent & { id: string } {
  return {
    resourceType: 'AuditEvent',
    id,
    type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110112', display: 'Query' },
    subtype: r.breakGlass ? [{ system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110127', display: 'Emergency Override Started' }] : undefined,
    action: 'E',
    recorded: at.toISOString(),
    outcome: r.outcome === 'denied' ? '4' : '0',
    outcomeDesc: `${r.outcome}: ${r.detail}`,
    purposeOfEvent: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: r.purpose }] }],
    agent: [
      { who: { identifier: { value: r.professional ?? 'unknown' } }, role: r.professionalRole ? [{ text: r.professionalRole }] : undefined, requestor: true, ...(r.consumer ? { location: undefined } : {}) },
      { who: { identifier: { value: r.consumer ?? 'unknown' } }, requestor: false },
    ],
    source: { observer: { identifier: { value: r.provider } } },
    entity: [{ what: r.patient ? { identifier: { system: 'urn:oid:1.3.182.4.4', value: r.patient } } : undefined, query: Buffer.from(r.query).toString('base64') }],
  };
}

/**
 * Stores AuditEvents at the provider (append-only table) before answering, and forwards them to the
 * authority's index in the background, in batches, retrying on failure (so the answer is not slowed).
 */
export class AccessAuditor {
  private queue: AccessEventReport[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly authority: AuthorityClient,
  ) {}

  async record(records: AccessRecord[]): Promise<void> {
    const at = new Date();
    const rows = records.map((r) => {
      const id = randomUUID();
      return { r, id, resource: accessAuditEvent(r, id, at) };
    });
    if (rows.length === 0) return;
    await this.db.insert(providerAuditEvent).values(rows.map(({ r, id, resource }) => ({ id, recorded: at, patientNationalId: r.patient, consumerId: r.consumer, purpose: r.purpose, outcome: r.outcome, resource })));
    for (const { r, id } of rows) {
      if (!r.patient) continue;
      this.queue.push({ patient: r.patient, auditEventId: id, recorded: at.toISOString(), purpose: r.purpose, consumerId: r.consumer, professional: r.professional, professionalRole: r.professionalRole, action: 'read', outcome: r.outcome, detail: r.detail.slice(0, 500) });
    }
    this.schedule(100);
  }

  private schedule(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), ms);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    this.timer = null;
    const batch = this.queue.splice(0, 500);
    if (batch.length === 0) return;
    try {
      await this.authority.reportAccessEvents(batch);
    } catch {
      this.queue.unshift(...batch);
      this.schedule(2000);
      return;
    }
    if (this.queue.length > 0) this.schedule(0);
  }
}
