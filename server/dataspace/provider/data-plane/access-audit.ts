import type { AuditEvent } from '@medplum/fhirtypes';
import { randomUUID } from 'node:crypto';
import { asc, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { accessEventOutbox } from '@/db/participant/schema/access-event-outbox';
import { providerAuditEvent } from '@/db/participant/schema/provider-audit';
import type { AccessEventReport, AuthorityClient } from '@/server/dataspace/runtime/authority-client';
import { NATIONAL_HEALTH_ID_SYSTEM } from '@/server/terminology/code-systems';

export interface AccessRecord {
  provider: string;
  patient: string | null;
  consumer: string | null;
  professional: string | null;
  professionalRole: string | null;
  /** The professional's own organisation (practitioner assertion) and the agreement the EDR is for. */
  organisation?: string | null;
  agreementId?: string | null;
  /** The data categories the answer carried (permitted by consent); empty for a refusal. */
  dataCategories?: string[];
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
    entity: [{ what: r.patient ? { identifier: { system: NATIONAL_HEALTH_ID_SYSTEM, value: r.patient } } : undefined, query: Buffer.from(r.query).toString('base64') }],
  };
}

const BATCH = 500;
const MAX_BACKOFF_MS = 5 * 60_000;

/** Delay before the n-th retry (n ≥ 1): 1 s, 2 s, 4 s … capped at 5 min, with ±20 % jitter so providers do not retry in step. */
export function forwardBackoffMs(attempts: number, random = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Stores AuditEvents at the provider (append-only table) before answering and, in the same transaction,
 * puts each patient-bound event in the outbox; a background forwarder sends the outbox to the authority's
 * index in batches, retrying with backoff, and deletes what the authority acknowledged. Killed at any
 * point, the provider resends on its next start; the authority ignores ids it already has.
 */
export class AccessAuditor {
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly authority: AuthorityClient,
    /** How long after an access the forwarder runs (batching; tests set it high to kill a provider first). */
    private readonly forwardDelayMs = 1000,
  ) {}

  /** Starts forwarding what an earlier run left in the outbox. */
  start(): void {
    this.schedule(this.forwardDelayMs);
  }

  async record(records: AccessRecord[]): Promise<void> {
    const at = new Date();
    const rows = records.map((r) => {
      const id = randomUUID();
      return { r, id, resource: accessAuditEvent(r, id, at) };
    });
    if (rows.length === 0) return;
    const outbox = rows.flatMap(({ r, id }) => {
      if (!r.patient) return [];
      const report: AccessEventReport = { patient: r.patient, auditEventId: id, recorded: at.toISOString(), purpose: r.purpose, consumerId: r.consumer, professional: r.professional, professionalRole: r.professionalRole, organisation: r.organisation ?? null, agreementId: r.agreementId ?? null, dataCategories: r.dataCategories ?? [], action: 'read', outcome: r.outcome, detail: r.detail.slice(0, 500) };
      return [{ auditEventId: id, report, nextAttemptAt: at }];
    });
    const audit = this.db.insert(providerAuditEvent).values(rows.map(({ r, id, resource }) => ({ id, recorded: at, patientNationalId: r.patient, consumerId: r.consumer, purpose: r.purpose, outcome: r.outcome, resource })));
    if (outbox.length === 0) await audit;
    // Both inserts in ONE statement (a data-modifying CTE): atomic like a transaction, one round trip instead of four.
    else await this.db.execute(sql`with audited as (${audit.getSQL()}) ${this.db.insert(accessEventOutbox).values(outbox).getSQL()}`);
    if (outbox.length > 0) this.schedule(this.forwardDelayMs);
  }

  private schedule(ms: number): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
    this.timer.unref();
  }

  /** Sends every due outbox entry now (one flush at a time); reschedules itself while entries remain. */
  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = this.drain().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const due = await this.db.select().from(accessEventOutbox).where(lte(accessEventOutbox.nextAttemptAt, new Date())).orderBy(asc(accessEventOutbox.createdAt)).limit(BATCH);
      if (due.length === 0) break;
      const ids = due.map((d) => d.auditEventId);
      try {
        await this.authority.reportAccessEvents(due.map((d) => d.report as AccessEventReport));
      } catch (error) {
        const attempts = Math.max(...due.map((d) => d.attempts)) + 1;
        const wait = forwardBackoffMs(attempts);
        await this.db
          .update(accessEventOutbox)
          .set({ attempts: sql`${accessEventOutbox.attempts} + 1`, nextAttemptAt: new Date(Date.now() + wait), lastError: (error as Error).message.slice(0, 500) })
          .where(inArray(accessEventOutbox.auditEventId, ids));
        this.schedule(wait);
        return;
      }
      await this.db.delete(accessEventOutbox).where(inArray(accessEventOutbox.auditEventId, ids));
      if (due.length < BATCH) break;
    }
    // Entries waiting for a later retry time: come back when the earliest is due.
    const [next] = await this.db.select({ at: accessEventOutbox.nextAttemptAt }).from(accessEventOutbox).orderBy(asc(accessEventOutbox.nextAttemptAt)).limit(1);
    if (next) this.schedule(Math.max(0, next.at.getTime() - Date.now()));
  }

  /** Stops scheduling; what is still in the outbox is sent on the next start. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
