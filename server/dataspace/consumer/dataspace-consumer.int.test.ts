import path from 'node:path';
import type { Patient } from '@medplum/fhirtypes';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@/db/client';
import { dataspaceAgreement, dataspaceCatalog, dataspaceNegotiation, dataspaceNegotiationEvent, dataspaceTransfer } from '@/db/app/schema/dataspace';
import { openTestDatabase } from '@/db/test-databases';
import { validateFhirR4 } from '@/server/fhir/testing/fhir-schema';
import { validateDspMessage } from '@/server/dataspace/protocol/dsp-validator';
import type { DspCatalog } from '@/server/dataspace/protocol/dsp-types';
import { newPid } from '@/server/dataspace/protocol/dsp-messages';
import { startDataspace, type Dataspace } from '@/server/dataspace/testing/start-dataspace';
import { testConsumerSettings } from '@/server/dataspace/testing/consumer-settings';
import { DataspaceConsumer } from './dataspace-consumer';
import { recordConsent, withdrawConsent } from '@/server/consent/authority-consents';

const MARIE = '1958031500017'; // alzette-hospital and moselle-clinic
const JEAN = '1951110200024'; // alzette-hospital only
const ANNE = '1966072800031'; // moselle-clinic only; her demo rule: no medications to alzette-hospital
const LUC = '1955012600062'; // both hospitals, oncology: genomics at the research institute too
const sophie = { userId: 'sophie.reuter@alzette.example', role: 'endocrinologist', purpose: 'TREAT' };

let ds: Dataspace;
let database: OpenDatabase;
let consumer: DataspaceConsumer;

function newConsumer(): DataspaceConsumer {
  return new DataspaceConsumer(database.db, testConsumerSettings(ds, { contractTimeoutMs: 8000 }));
}

beforeAll(async () => {
  [ds, database] = await Promise.all([startDataspace({ seedPatients: 60, timeoutMs: 400_000 }), openTestDatabase('pglite', path.resolve('db/app/migrations'))]);
  consumer = newConsumer();
}, 600_000);

afterAll(async () => {
  await ds?.stop();
  await database?.close();
});

describe('the web app as a dataspace consumer', () => {
  it('negotiates and starts a transfer on first use, and keeps every step in the app DB', async () => {
    const record = await consumer.patientRecord(MARIE, sophie);
    expect(record.locatorOk).toBe(true);
    expect(record.providers.map((p) => [p.providerId, p.status]).sort()).toEqual([
      ['alzette-hospital', 'ok'],
      ['moselle-clinic', 'ok'],
    ]);
    const agreements = await database.db.select().from(dataspaceAgreement);
    expect(agreements.map((a) => a.providerId).sort()).toEqual(['alzette-hospital', 'moselle-clinic']);
    for (const a of agreements) {
      expect(a).toMatchObject({ assignee: 'd4h-clinic', assigner: a.providerId, purpose: 'TREAT', target: `urn:d4h:dataset:${a.providerId}:ehr` });
      const [n] = await database.db.select().from(dataspaceNegotiation).where(eq(dataspaceNegotiation.id, a.negotiationId));
      expect(n?.state).toBe('FINALIZED');
      const history = await database.db.select().from(dataspaceNegotiationEvent).where(eq(dataspaceNegotiationEvent.negotiationId, a.negotiationId)).orderBy(dataspaceNegotiationEvent.seq);
      expect(history.map((h) => h.toState)).toEqual(['REQUESTED', 'AGREED', 'VERIFIED', 'FINALIZED']);
    }
    const transfers = await database.db.select().from(dataspaceTransfer);
    expect(transfers).toHaveLength(2);
    for (const t of transfers) {
      expect(t.state).toBe('STARTED');
      expect(t.tokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(60_000);
      expect(t.tokenExpiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(300_000);
    }
    // the cached catalogs are the providers' messages, still valid against the official schema
    for (const c of await database.db.select().from(dataspaceCatalog)) expect(validateDspMessage('Catalog', c.catalog as DspCatalog).valid).toBe(true);
    // a second read reuses the agreements and the EDRs: no new negotiation
    await consumer.patientRecord(MARIE, sophie);
    expect((await database.db.select({ n: count() }).from(dataspaceNegotiation))[0]?.n).toBe(2);
  });

  it('merges a person held by two hospitals into one patient, with a source on every resource', async () => {
    const record = await consumer.patientRecord(MARIE, sophie);
    const patients = record.resources.filter((r) => r.resource.resourceType === 'Patient');
    expect(new Set(patients.map((p) => p.source.providerId))).toEqual(new Set(['alzette-hospital', 'moselle-clinic']));
    for (const p of patients) expect((p.resource as Patient).identifier?.some((i) => i.value === MARIE)).toBe(true);
    const agreements = new Map((await database.db.select().from(dataspaceAgreement)).map((a) => [a.providerId, a.id]));
    expect(record.resources.length).toBeGreaterThan(20);
    for (const r of record.resources) {
      expect(r.source.agreementId).toBe(agreements.get(r.source.providerId));
      expect(r.source.datasetId).toBe(`urn:d4h:dataset:${r.source.providerId}:ehr`);
      expect(r.source.fhirUrl).toMatch(new RegExp(`^${ds.participants[r.source.providerId as 'alzette-hospital'].url}/fhir/r4/${r.resource.resourceType}/`));
    }
    for (const r of record.resources.slice(0, 40)) expect(validateFhirR4(r.resource)).toEqual([]);
    for (const o of record.providers) expect(o.consent).toBe('active');
  });

  it('reads the genomics of an oncology patient from the research institute too (three providers)', async () => {
    const record = await consumer.patientRecord(LUC, { ...sophie, userId: 'elena.rossi@alzette.example', role: 'oncologist' });
    expect(record.providers.map((p) => [p.providerId, p.status]).sort()).toEqual([
      ['alzette-hospital', 'ok'],
      ['moselle-clinic', 'ok'],
      ['research-institute', 'ok'],
    ]);
    expect(record.resources.some((r) => r.source.providerId === 'research-institute')).toBe(true);
  });

  it('shows a provider refusing a purpose it does not serve at record level as denied', async () => {
    const record = await consumer.patientRecord(JEAN, { ...sophie, purpose: 'HRESCH' });
    expect(record.providers).toHaveLength(1);
    expect(record.providers[0]).toMatchObject({ providerId: 'alzette-hospital', status: 'denied' });
    expect(record.providers[0]?.detail).toMatch(/HRESCH/);
    expect(record.resources).toHaveLength(0);
  });

  it('shows a withdrawn consent as denied on the very next read, and restores it after re-granting', async () => {
    const identity = await consumer.identity.current();
    const rule = await recordConsent(identity, { url: ds.authorityUrl, id: 'ehealth-agency' }, { patient: JEAN }, { patient: JEAN, decision: 'deny', purpose: 'TREAT' });
    const denied = await consumer.patientRecord(JEAN, sophie);
    expect(denied.providers[0]).toMatchObject({ providerId: 'alzette-hospital', status: 'denied', consent: 'withdrawn' });
    expect(denied.resources).toHaveLength(0);
    await withdrawConsent(identity, { url: ds.authorityUrl, id: 'ehealth-agency' }, { patient: JEAN }, rule.id);
    const restored = await consumer.patientRecord(JEAN, sophie);
    expect(restored.providers[0]).toMatchObject({ status: 'ok', consent: 'active' });
    expect(restored.resources.length).toBeGreaterThan(0);
  });

  it('applies a rule naming a hospital to that hospital\'s clinicians only: Anne Muller reads partial for Alzette, active for Moselle', async () => {
    const medications = (r: Awaited<ReturnType<typeof consumer.patientRecord>>) => r.resources.filter((x) => x.resource.resourceType === 'MedicationRequest' || x.resource.resourceType === 'MedicationStatement');
    const forAlzette = await consumer.patientRecord(ANNE, { ...sophie, organisation: 'alzette-hospital' });
    expect(forAlzette.providers).toEqual([expect.objectContaining({ providerId: 'moselle-clinic', status: 'ok', consent: 'partial' })]);
    expect(medications(forAlzette)).toHaveLength(0);
    expect(forAlzette.resources.length).toBeGreaterThan(0);
    const forMoselle = await consumer.patientRecord(ANNE, { userId: 'marc.thill@moselle.example', role: 'endocrinologist', purpose: 'TREAT', organisation: 'moselle-clinic' });
    expect(forMoselle.providers).toEqual([expect.objectContaining({ providerId: 'moselle-clinic', status: 'ok', consent: 'active' })]);
    expect(medications(forMoselle).length).toBeGreaterThan(0);
  });

  it('applies a rule naming a professional to that professional only', async () => {
    const identity = await consumer.identity.current();
    const authority = { url: ds.authorityUrl, id: 'ehealth-agency' };
    const rule = await recordConsent(identity, authority, { patient: JEAN }, { patient: JEAN, decision: 'deny', purpose: 'TREAT', professional: 'elena.rossi@alzette.example' });
    const elena = await consumer.patientRecord(JEAN, { userId: 'elena.rossi@alzette.example', role: 'oncologist', purpose: 'TREAT', organisation: 'alzette-hospital' });
    expect(elena.providers[0]).toMatchObject({ providerId: 'alzette-hospital', status: 'denied', consent: 'withdrawn' });
    const other = await consumer.patientRecord(JEAN, { ...sophie, organisation: 'alzette-hospital' });
    expect(other.providers[0]).toMatchObject({ status: 'ok', consent: 'active' });
    await withdrawConsent(identity, authority, { patient: JEAN }, rule.id);
  });

  it('a provider killed mid-request degrades to a status within 3 s; the next request after its return uses it', async () => {
    const pending = consumer.patientRecord(MARIE, sophie);
    await ds.kill('moselle-clinic');
    const during = await pending;
    expect(during.providers.find((p) => p.providerId === 'alzette-hospital')?.status).toBe('ok');
    const started = Date.now();
    const after = await consumer.patientRecord(MARIE, sophie);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(after.providers.find((p) => p.providerId === 'moselle-clinic')?.status).toBe('unavailable');
    expect(after.providers.find((p) => p.providerId === 'alzette-hospital')?.status).toBe('ok');
    expect(after.resources.some((r) => r.source.providerId === 'alzette-hospital')).toBe(true);
    expect(after.resources.some((r) => r.source.providerId === 'moselle-clinic')).toBe(false);
    await ds.restart('moselle-clinic');
    // The breaker lets a trial through after its cooldown; poll instead of sleeping a fixed time.
    let back = await consumer.patientRecord(MARIE, sophie);
    for (let i = 0; i < 20 && back.providers.find((p) => p.providerId === 'moselle-clinic')?.status !== 'ok'; i += 1) {
      await new Promise((r) => setTimeout(r, 500));
      back = await consumer.patientRecord(MARIE, sophie);
    }
    expect(back.providers.find((p) => p.providerId === 'moselle-clinic')?.status).toBe('ok');
    expect(back.resources.some((r) => r.source.providerId === 'moselle-clinic')).toBe(true);
  });

  it('a new process (or replica) continues from the stored agreements and transfers, without negotiating again', async () => {
    const before = (await database.db.select({ n: count() }).from(dataspaceNegotiation))[0]?.n;
    const fresh = newConsumer();
    const record = await fresh.patientRecord(MARIE, sophie);
    expect(record.providers.every((p) => p.status === 'ok')).toBe(true);
    expect((await database.db.select({ n: count() }).from(dataspaceNegotiation))[0]?.n).toBe(before);
  });

  it('writes a negotiation, its history and its agreement all or nothing', async () => {
    const [agreement] = await database.db.select().from(dataspaceAgreement).limit(1);
    const [negotiation] = await database.db.select().from(dataspaceNegotiation).where(eq(dataspaceNegotiation.id, agreement!.negotiationId));
    const eventsBefore = (await database.db.select({ n: count() }).from(dataspaceNegotiationEvent))[0]?.n;
    const consumerPid = newPid();
    // Same agreement id again: the agreement insert fails last, and must take the negotiation and its events with it.
    const duplicate = {
      consumerPid,
      providerPid: 'urn:uuid:other',
      providerId: agreement!.providerId,
      providerUrl: 'http://127.0.0.1:9',
      offer: negotiation!.offer as never,
      state: 'FINALIZED' as const,
      history: [
        { from: null, to: 'REQUESTED' as const, at: new Date().toISOString() },
        { from: 'REQUESTED' as const, to: 'FINALIZED' as const, at: new Date().toISOString() },
      ],
      agreement: agreement!.policy as never,
      terminationReason: null,
    };
    await expect(consumer.store.saveNegotiation(duplicate, { datasetId: agreement!.datasetId, purpose: 'TREAT' })).rejects.toThrow();
    expect(await database.db.select().from(dataspaceNegotiation).where(eq(dataspaceNegotiation.consumerPid, consumerPid))).toHaveLength(0);
    expect((await database.db.select({ n: count() }).from(dataspaceNegotiationEvent))[0]?.n).toBe(eventsBefore);
  });
});
