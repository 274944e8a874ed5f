import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '@/db/test-databases';
import type { OpenDatabase } from '@/db/client';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { createCaller } from '@/server/api/root';
import { contextForEmail } from '@/server/api/testing/test-context';
import { fuzzArbitrary } from '@/server/api/testing/arbitrary-from-schema';
import { ZAccessLogListInputSchema } from '@/server/api/routers/accessLog/accessLog.schema';
import { startDataspace, type Dataspace } from '@/server/dataspace/testing/start-dataspace';
import type { TAccessLogEntry } from './access-log-entry';
import { auditExportBody, auditExportRows } from '@/server/audit/search/audit-export';

const MARIE = '1958031500017';
const LUC = '1955012600062';
const REASON = 'Found unconscious at home, brought to the emergency department';

let ds: Dataspace;
let database: OpenDatabase;
const as = async (email: string) => createCaller(await contextForEmail(database.db, email));

/** Providers forward access events a moment after the read (outbox); wait until the log shows them. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function everyEntry(email: string, filters = {}, limit = 3): Promise<TAccessLogEntry[]> {
  const caller = await as(email);
  const all: TAccessLogEntry[] = [];
  let cursor = null;
  for (let n = 0; n < 100; n++) {
    const page: Awaited<ReturnType<typeof caller.accessLog.list>> = await caller.accessLog.list({ filters, cursor, limit });
    all.push(...page.entries);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return all;
}

beforeAll(async () => {
  [ds, database] = await Promise.all([startDataspace({ seedPatients: 20, storage: 'memory', providers: ['alzette-hospital', 'moselle-clinic'], env: { ACCESS_EVENT_FORWARD_DELAY_MS: '100' } }), openTestDatabase('pglite', path.resolve('db/app/migrations'))]);
  // The procedures use the app's own consumer, configured from the environment as in production.
  process.env.AUTHORITY_URL = ds.authorityUrl;
  process.env.DATASPACE_OPERATOR_TOKEN = ds.operatorToken;
  await seedDemoUsers(database.db);
}, 240_000);

afterAll(async () => {
  await Promise.all([ds?.stop(), database?.close()]);
});

describe('the patient access log', () => {
  it('shows a clinician read at each hospital: who, organisation, role, purpose, which data, agreement, allowed', async () => {
    await (await as('sophie.reuter@alzette.example')).patients.record({ nationalId: MARIE });
    await (await as('marc.thill@moselle.example')).patients.record({ nationalId: MARIE });
    const marie = await as('marie.schmit@example.lu');
    const page = await eventually(
      () => marie.accessLog.list({ filters: { purpose: 'TREAT' } }),
      (p) => ['Dr Sophie Reuter', 'Dr Marc Thill'].every((name) => p.entries.some((e) => e.source === 'provider' && e.who.name === name)),
    );
    expect(page.authority.ok).toBe(true);
    const atAlzette = page.entries.find((e) => e.source === 'provider' && e.holderId === 'alzette-hospital' && e.who.name === 'Dr Sophie Reuter');
    expect(atAlzette).toMatchObject({ who: { role: 'endocrinologist', organisation: 'alzette-hospital' }, purpose: 'TREAT', outcome: 'allowed', consumerId: 'd4h-clinic', emergency: null });
    expect(atAlzette?.agreementId).toBeTruthy();
    expect(atAlzette?.dataCategories.length).toBeGreaterThan(0);
    expect(page.entries.some((e) => e.source === 'provider' && e.holderId === 'moselle-clinic' && e.who.name === 'Dr Marc Thill' && e.who.organisation === 'moselle-clinic')).toBe(true);
    // The app's own audit of the same reads is in the log too, under the app.
    expect(page.entries.some((e) => e.source === 'app' && e.action === 'read' && e.who.name === 'Dr Sophie Reuter')).toBe(true);
  }, 60_000);

  it('filters by provider, purpose and time', async () => {
    const marie = await as('marie.schmit@example.lu');
    const moselle = await marie.accessLog.list({ filters: { provider: 'moselle-clinic' } });
    expect(moselle.entries.length).toBeGreaterThan(0);
    expect(moselle.entries.every((e) => e.holderId === 'moselle-clinic')).toBe(true);
    const app = await marie.accessLog.list({ filters: { provider: 'd4h-clinic' } });
    expect(app.entries.every((e) => e.source === 'app')).toBe(true);
    expect((await marie.accessLog.list({ filters: { purpose: 'HRESCH' } })).entries).toEqual([]);
    expect((await marie.accessLog.list({ filters: { from: new Date(Date.now() + 60_000).toISOString() } })).entries).toEqual([]);
    await expect(marie.accessLog.list({ filters: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('pages by keyset across the providers and the app: nothing skipped, nothing twice, newest first', async () => {
    const all = (await (await as('marie.schmit@example.lu')).accessLog.list({ limit: 100 })).entries;
    const paged = await everyEntry('marie.schmit@example.lu', {}, 2);
    // Opening page 1 is itself audited, so the paged walk may see one "viewed the log" entry more at its top.
    const tail = paged.slice(paged.length - all.length);
    expect(tail.map((e) => e.key)).toEqual(all.map((e) => e.key));
    expect(new Set(paged.map((e) => e.key)).size).toBe(paged.length);
    const times = paged.map((e) => Date.parse(e.recorded));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("shows the patient's own actions: opening the log is audited and listed as theirs", async () => {
    const marie = await as('marie.schmit@example.lu');
    const page = await marie.accessLog.list({ filters: { provider: 'd4h-clinic' } });
    expect(page.entries.some((e) => e.byPatient && e.action === 'access-log-read' && e.purpose === 'PATRQT')).toBe(true);
  });

  it('highlights emergency access with its reason and expiry, and notifies it with the new organisations, until seen', async () => {
    const luc = await as('luc.klein@example.lu');
    const before = await luc.accessLog.notifications();
    // First visit: everything so far is new; mark it seen so that only what follows notifies.
    await luc.accessLog.markSeen({ seenUpTo: new Date() });
    expect((await luc.accessLog.notifications()).notifications).toEqual([]);
    expect(before.lastVisitAt).toBeNull();

    const marc = await as('marc.thill@moselle.example');
    const grant = await marc.patients.startBreakGlass({ nationalId: LUC, reason: REASON });
    await marc.patients.record({ nationalId: LUC });
    const page = await eventually(
      () => luc.accessLog.list({ filters: { purpose: 'ETREAT' } }),
      (p) => p.entries.filter((e) => e.source === 'provider').length >= 2,
    );
    const fromProviders = page.entries.filter((e) => e.source === 'provider');
    expect(new Set(fromProviders.map((e) => e.holderId))).toEqual(new Set(['alzette-hospital', 'moselle-clinic']));
    for (const e of fromProviders) expect(e.emergency).toEqual({ reason: REASON, expiresAt: grant.expiresAt.toISOString(), endedAt: null });
    expect(page.lastVisitAt).not.toBeNull();
    expect(page.entries.every((e) => Date.parse(e.recorded) > (page.lastVisitAt?.getTime() ?? 0))).toBe(true);

    const { notifications } = await luc.accessLog.notifications();
    const emergencies = notifications.filter((n) => n.kind === 'emergency');
    expect(emergencies).toHaveLength(1);
    expect(emergencies[0]?.entry.emergency?.reason).toBe(REASON);
    // Moselle's clinicians had not accessed Luc's record before (Luc is in Alzette's and Moselle's oncologists' care, but none read it yet).
    expect(notifications.some((n) => n.kind === 'new-organisation' && n.organisation === 'moselle-clinic')).toBe(true);

    await luc.accessLog.markSeen({ seenUpTo: page.servedAt });
    expect((await luc.accessLog.notifications()).notifications).toEqual([]);
  }, 60_000);

  it("never shows a patient another patient's accesses, whatever the input (fuzz)", async () => {
    const marieKeys = new Set((await everyEntry('marie.schmit@example.lu', {}, 100)).map((e) => e.key));
    expect(marieKeys.size).toBeGreaterThan(3);
    const paul = await as('paul.hoffmann@example.lu');
    await fc.assert(
      fc.asyncProperty(fuzzArbitrary(ZAccessLogListInputSchema), async (input) => {
        const page = await paul.accessLog.list(input as never).catch((error: { code?: string }) => {
          if (error.code === 'INTERNAL_SERVER_ERROR') throw error;
          return null;
        });
        for (const e of page?.entries ?? []) expect(marieKeys.has(e.key)).toBe(false);
      }),
      { numRuns: 60, seed: 20261202 },
    );
    // Extra keys naming someone else are stripped by the schema: the session decides whose log it is.
    const crafted = await paul.accessLog.list({ patient: MARIE, nationalId: MARIE } as never);
    expect(crafted.entries.some((e) => marieKeys.has(e.key))).toBe(false);
  }, 120_000);

  it("lets a steward search every provider's accesses, exports them as CSV, and the search shows in the patient's log", async () => {
    const nora = await contextForEmail(database.db, 'nora.berg@ehealth.example');
    const steward = createCaller(nora);
    const found = await steward.audit.providerAccesses({ filters: { patientNationalId: MARIE, purpose: 'TREAT' } });
    expect(found.ok).toBe(true);
    expect(new Set(found.rows.map((r) => r.providerId))).toEqual(new Set(['alzette-hospital', 'moselle-clinic']));
    expect(found.rows.every((r) => r.patientNationalId === MARIE && r.purpose === 'TREAT')).toBe(true);
    const byMarc = await steward.audit.providerAccesses({ filters: { userEmail: 'marc.thill@moselle.example', purpose: 'ETREAT' } });
    expect(byMarc.rows.length).toBeGreaterThan(0);
    expect(byMarc.rows.every((r) => r.patientNationalId === LUC && r.professionalName === 'Dr Marc Thill')).toBe(true);
    const { rows } = await auditExportRows(nora, 'providers', { patientNationalId: MARIE });
    const csv = auditExportBody('providers', 'csv', rows).trimEnd().split('\r\n');
    expect(csv[0]).toBe('recorded,providerId,patientNationalId,professional,professionalName,professionalRole,organisation,purpose,outcome,action,dataCategories,agreementId,detail,id');
    expect(csv.length - 1).toBe(rows.length);
    // A patient cannot search: the procedure is the steward's.
    await expect((await as('marie.schmit@example.lu')).audit.providerAccesses({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const marieLog = await eventually(
      async () => (await (await as('marie.schmit@example.lu')).accessLog.list({ filters: { provider: 'ehealth-agency' } })).entries,
      (entries) => entries.some((e) => e.action === 'audit-search'),
    );
    expect(marieLog.find((e) => e.action === 'audit-search')).toMatchObject({ who: { role: 'steward', name: 'Nora Berg' }, purpose: 'audit search' });
  }, 60_000);
});
