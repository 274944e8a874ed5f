import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The hashed content of one audit row: every column but the two hashes. */
export interface AuditRowContent {
  seq: number;
  id: string;
  typeCode: string;
  subtype: string;
  action: string;
  recorded: string;
  outcome: string;
  outcomeDescription: string | null;
  agentUserId: string | null;
  agentRole: string | null;
  agentOrganisation: string | null;
  patientNationalId: string | null;
  entity: Record<string, unknown> | null;
  purposeOfUse: string | null;
  source: string;
  clientAddress: string | null;
  requestId: string | null;
}

/** The first row's previous hash. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256(previous hash ‖ canonical row). Timestamps are normalised to ISO-8601 UTC first. */
export function auditRowHash(previousHash: string, row: AuditRowContent): string {
  const canonical = canonicalJson({ ...row, recorded: new Date(row.recorded).toISOString() });
  return createHash('sha256').update(previousHash).update(canonical).digest('hex');
}
