import { randomUUID } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { auditEvents } from '@/db/app/schema/audit-events';
import { auditRowHash, GENESIS_HASH, type AuditRowContent } from './audit-hash';
import type { AuditAction, AuditOutcome, AuditSubtype, AuditType } from './audit-codes';

export interface AuditEventInput {
  typeCode: AuditType;
  subtype: AuditSubtype;
  action: AuditAction;
  outcome: AuditOutcome;
  outcomeDescription?: string | null;
  agent?: { userId?: string | null; role?: string | null; organisation?: string | null };
  patientNationalId?: string | null;
  entity?: Record<string, unknown> | null;
  purposeOfUse?: string | null;
  source?: string;
  clientAddress?: string | null;
  requestId?: string | null;
}

/** Arbitrary constant key of the advisory lock that serialises appends to the chain. */
const AUDIT_CHAIN_LOCK = 7_215_004_411;

/**
 * Appends one event to the hash chain. Appends are serialised by a transaction-scoped advisory lock so
 * concurrent writers (several requests, several web replicas) never fork the chain or lose an event.
 */
export async function recordAuditEvent(db: Database, input: AuditEventInput): Promise<AuditRowContent & { hash: string }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const [last] = await tx
      .select({ seq: auditEvents.seq, hash: auditEvents.hash })
      .from(auditEvents)
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    const previousHash = last?.hash ?? GENESIS_HASH;
    const content: AuditRowContent = {
      seq: (last?.seq ?? 0) + 1,
      id: randomUUID(),
      typeCode: input.typeCode,
      subtype: input.subtype,
      action: input.action,
      recorded: new Date().toISOString(),
      outcome: input.outcome,
      outcomeDescription: input.outcomeDescription ?? null,
      agentUserId: input.agent?.userId ?? null,
      agentRole: input.agent?.role ?? null,
      agentOrganisation: input.agent?.organisation ?? null,
      patientNationalId: input.patientNationalId ?? null,
      entity: input.entity ?? null,
      purposeOfUse: input.purposeOfUse ?? null,
      source: input.source ?? 'd4h-clinic/web',
      clientAddress: input.clientAddress ?? null,
      requestId: input.requestId ?? null,
    };
    const hash = auditRowHash(previousHash, content);
    await tx.insert(auditEvents).values({ ...content, previousHash, hash });
    return { ...content, hash };
  });
}
