import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { users } from '@/db/app/schema/users';
import { openTestDatabase, testDatabaseKinds } from '@/db/test-databases';
import type { OpenDatabase } from '@/db/client';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { authenticate } from '@/server/auth/authenticate';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { verifyAuditChain } from '@/server/audit/verify-audit-chain';
import { DEMO_PASSWORD } from '@/server/synthetic/demo-people';
import { createCaller } from '@/server/api/root';
import { contextFor } from '@/server/api/testing/test-context';

const PATIENT = '1958031500017';

describe.each(testDatabaseKinds())('audit trail page on %s', (kind) => {
  let database: OpenDatabase;
  let steward: ReturnType<typeof createCaller>;
  beforeAll(async () => {
    database = await openTestDatabase(kind, path.resolve('db/app/migrations'));
    await seedDemoUsers(database.db);
    steward = createCaller(await contextFor(database.db, 'steward'));
    await authenticate(database.db, { email: 'sophie.reuter@alzette.example', password: DEMO_PASSWORD }, '10.0.0.1');
    await authenticate(database.db, { email: 'Nobody@Example.lu', password: 'guess' }, '10.0.0.2');
    await authenticate(database.db, { email: 'sophie.reuter@alzette.example', password: 'wrong' }, '10.0.0.3');
    const [sophie] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, 'sophie.reuter@alzette.example'));
    for (let n = 0; n < 7; n++) {
      await recordAuditEvent(database.db, {
        typeCode: '110110',
        subtype: 'read',
        action: 'R',
        outcome: '0',
        agent: { userId: sophie?.id, role: 'endocrinologist', organisation: 'alzette-hospital' },
        patientNationalId: n % 2 ? PATIENT : '1951110200024',
      });
    }
  });
  afterAll(() => database.close());

  it('names the acting user, and the e-mail a failed sign-in was tried with', async () => {
    const { events } = await steward.audit.listEvents({});
    const success = events.find((e) => e.subtype === 'login');
    expect(success).toMatchObject({ agentName: 'Dr Sophie Reuter', agentEmail: 'sophie.reuter@alzette.example', attemptedEmail: 'sophie.reuter@alzette.example' });
    const failed = events.filter((e) => e.subtype === 'login-failed').map((e) => [e.agentEmail, e.attemptedEmail]);
    expect(failed).toEqual([
      [null, 'sophie.reuter@alzette.example'],
      [null, 'nobody@example.lu'],
    ]);
    expect(events.find((e) => e.subtype === 'read')).toMatchObject({ agentName: 'Dr Sophie Reuter' });
  });

  it('filters by user e-mail: what they did and the sign-ins tried with it', async () => {
    const { events } = await steward.audit.listEvents({ filters: { userEmail: ' Sophie.Reuter@alzette.example' } });
    expect(events.map((e) => e.subtype).sort()).toEqual(['login', 'login-failed', ...Array(7).fill('read')].sort());
    const nobody = await steward.audit.listEvents({ filters: { userEmail: 'nobody@example.lu' } });
    expect(nobody.events.map((e) => e.subtype)).toEqual(['login-failed']);
  });

  it('filters by patient, type, outcome and time, combined', async () => {
    expect((await steward.audit.listEvents({ filters: { patientNationalId: PATIENT } })).events).toHaveLength(3);
    expect((await steward.audit.listEvents({ filters: { subtype: 'login-failed' } })).events).toHaveLength(2);
    expect((await steward.audit.listEvents({ filters: { outcome: 'failure' } })).events.every((e) => e.outcome !== '0')).toBe(true);
    expect((await steward.audit.listEvents({ filters: { outcome: 'failure' } })).events).toHaveLength(2);
    const all = (await steward.audit.listEvents({})).events;
    const middle = all[4];
    if (!middle) throw new Error('expected events');
    const since = await steward.audit.listEvents({ filters: { from: middle.recorded } });
    expect(since.events.every((e) => e.recorded >= middle.recorded)).toBe(true);
    expect(since.events.length).toBeLessThan(all.length);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await steward.audit.listEvents({ filters: { from: future } })).events).toEqual([]);
    expect((await steward.audit.listEvents({ filters: { subtype: 'read', outcome: 'success', patientNationalId: PATIENT, to: future } })).events).toHaveLength(3);
  });

  it('pages backwards by seq on the server, with and without filters, nothing skipped or repeated', async () => {
    const all = (await steward.audit.listEvents({ limit: 200 })).events.map((e) => e.seq);
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const page: { events: Array<{ seq: number }>; nextCursor: number | null } = await steward.audit.listEvents({ limit: 3, cursor });
      expect(page.events.length).toBeLessThanOrEqual(3);
      seen.push(...page.events.map((e) => e.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    const first = await steward.audit.listEvents({ limit: 2, filters: { subtype: 'read' } });
    const second = await steward.audit.listEvents({ limit: 2, cursor: first.nextCursor, filters: { subtype: 'read' } });
    expect(second.events.every((e) => e.subtype === 'read' && e.seq < (first.events.at(-1)?.seq ?? 0))).toBe(true);
  });

  it('refuses a malformed filter with a 400, and the chain stays intact', async () => {
    await expect(steward.audit.listEvents({ filters: { patientNationalId: '123' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(steward.audit.listEvents({ filters: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(steward.audit.listEvents({ filters: { userEmail: 'not an e-mail' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('uses an index for the e-mail tried', async () => {
    await database.db.execute(sql`SET enable_seqscan = off`);
    const plan = await database.db.execute(sql`EXPLAIN SELECT seq FROM audit_event WHERE entity->>'email' = 'x' ORDER BY seq DESC LIMIT 50`);
    await database.db.execute(sql`SET enable_seqscan = on`);
    expect(JSON.stringify(plan)).toContain('audit_event_entity_email_seq_idx');
  });
});
