import { asc, gt } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { auditEvents } from '@/db/app/schema/audit-events';
import { auditRowHash, GENESIS_HASH } from './audit-hash';

export interface AuditChainReport {
  ok: boolean;
  rowsChecked: number;
  /** The first row that does not fit the chain, and why. */
  firstBroken: { seq: number; id: string; reason: string } | null;
}

const BATCH = 1000;

/** Walks the whole chain in order and reports the first row whose link or content hash does not match. */
export async function verifyAuditChain(db: Database): Promise<AuditChainReport> {
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  let rowsChecked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, expectedSeq - 1))
      .orderBy(asc(auditEvents.seq))
      .limit(BATCH);
    if (rows.length === 0) return { ok: true, rowsChecked, firstBroken: null };
    for (const row of rows) {
      const broken = (reason: string): AuditChainReport => ({ ok: false, rowsChecked, firstBroken: { seq: row.seq, id: row.id, reason } });
      if (row.seq !== expectedSeq) return broken(`row ${expectedSeq} is missing (next row is ${row.seq})`);
      if (row.previousHash !== previousHash) return broken('its link to the previous row does not match');
      const { hash, previousHash: _link, ...content } = row;
      if (auditRowHash(previousHash, content) !== hash) return broken('its content does not match its hash');
      previousHash = hash;
      expectedSeq += 1;
      rowsChecked += 1;
    }
  }
}
