import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase, testDatabaseKinds } from '@/db/test-databases';
import type { OpenDatabase } from '@/db/client';
import { recordAuditEvent, type AuditEventInput } from './record-audit-event';
import { verifyAuditChain } from './verify-audit-chain';

const migrations = path.resolve('db/app/migrations');

const event = (n: number): AuditEventInput => ({
  typeCode: '110110',
  subtype: 'read',
  action: 'R',
  outcome: '0',
  agent: { userId: `user-${n}`, role: 'endocrinologist', organisation: 'alzette-hospital' },
  patientNationalId: '1958031500017',
  entity: { type: 'Observation', query: { code: '4548-4', n } },
  purposeOfUse: 'TREAT',
});

describe.each(testDatabaseKinds())('audit trail on %s', (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind, migrations);
  });
  afterAll(async () => {
    await database.close();
  });

  it('keeps every event of concurrent writers in one unbroken chain', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, n) => recordAuditEvent(database.db, event(n))));
    const report = await verifyAuditChain(database.db);
    expect(report).toEqual({ ok: true, rowsChecked: 40, firstBroken: null });
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database', async () => {
    await expect(database.db.execute(sql`UPDATE audit_event SET outcome = '8' WHERE seq = 3`)).rejects.toThrow();
    await expect(database.db.execute(sql`DELETE FROM audit_event WHERE seq = 3`)).rejects.toThrow();
    await expect(database.db.execute(sql`TRUNCATE audit_event`)).rejects.toThrow();
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('finds an edit made by direct SQL around the triggers', async () => {
    await database.db.execute(sql`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update`);
    await database.db.execute(sql`UPDATE audit_event SET purpose_of_use = 'ETREAT' WHERE seq = 17`);
    const report = await verifyAuditChain(database.db);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ seq: 17, reason: 'its content does not match its hash' });
    expect(report.rowsChecked).toBe(16);
  });

  it('finds a deleted row in the middle of the chain', async () => {
    await database.db.execute(sql`UPDATE audit_event SET purpose_of_use = 'TREAT' WHERE seq = 17`);
    await database.db.execute(sql`DELETE FROM audit_event WHERE seq = 25`);
    const report = await verifyAuditChain(database.db);
    expect(report.firstBroken).toMatchObject({ seq: 26, reason: 'row 25 is missing (next row is 26)' });
  });

  it('finds a re-hashed row because the next link no longer matches', async () => {
    await database.db.execute(sql`UPDATE audit_event SET hash = repeat('a', 64) WHERE seq = 5`);
    const report = await verifyAuditChain(database.db);
    expect(report.firstBroken?.seq).toBe(5);
  });
});
