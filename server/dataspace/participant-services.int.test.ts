import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DspConsumer, enrolConsumer, offersOf, type ConsumerTransfer } from './protocol/dsp-client';
import type { DspCatalog } from './protocol/dsp-types';
import { validateDspMessage } from './protocol/dsp-validator';
import { generateParticipantKeyPair, publicJwks, type ParticipantKeyPair } from './protocol/participant-keys';
import { callParticipant } from './protocol/participant-http';
import { readAccessLog } from '@/server/consent/authority-consents';
import { startDataspace, type Dataspace } from './testing/start-dataspace';

const MARIE = '1958031500017';
const TWINS = 600;
const treatPractitioner = { userId: 'sophie.reuter@alzette.example', role: 'endocrinologist', purpose: 'TREAT' };

let ds: Dataspace;
let key: ParticipantKeyPair;
let credential = '';
let consumer: DspConsumer;

/** A transfer on the offer of `dataset` (key) for `purpose` at `provider`. */
async function transferFor(provider: 'alzette-hospital' | 'research-institute', dataset: string, purpose: string): Promise<{ transfer: ConsumerTransfer; catalog: DspCatalog }> {
  const url = ds.participants[provider].url;
  const catalog = await consumer.catalog(provider, url);
  const found = offersOf(catalog).find((o) => o.offer['@id'] === `urn:d4h:offer:${provider}:${dataset}:${purpose}`);
  if (!found) throw new Error(`no ${dataset} ${purpose} offer at ${provider}`);
  const n = await consumer.negotiate(provider, url, found.offer, found.datasetId);
  expect(n.state).toBe('FINALIZED');
  return { transfer: await consumer.startTransfer(provider, url, n.agreement?.['@id'] ?? ''), catalog };
}

const identity = () => ({ id: 'd4h-clinic', key, credential: () => credential });
const accessLog = (patient: string) => readAccessLog(identity(), { url: ds.authorityUrl, id: 'ehealth-agency' }, { patient }, patient);

beforeAll(async () => {
  // Forwarding held back for 10 minutes: the outbox test kills a provider before anything is sent.
  ds = await startDataspace({ seedPatients: 300, env: { DIGITAL_TWIN_RECORDS: String(TWINS), ACCESS_EVENT_FORWARD_DELAY_MS: '600000' } });
  key = await generateParticipantKeyPair();
  credential = await enrolConsumer({ authorityUrl: ds.authorityUrl, operatorToken: ds.operatorToken, id: 'd4h-clinic', jwks: publicJwks(key) });
  consumer = new DspConsumer(identity(), 'http://127.0.0.1:9/callback');
}, 240_000);

afterAll(async () => {
  await ds?.stop();
});

describe('digital-twin cohort at the research institute', () => {
  it('is in the catalog with HealthDCAT-AP metadata, offered for HRESCH and MLTRAIN only', async () => {
    const catalog = await consumer.catalog('research-institute', ds.participants['research-institute'].url);
    expect(validateDspMessage('Catalog', catalog).valid).toBe(true);
    const twins = catalog.dataset?.find((d) => d['@id'] === 'urn:d4h:dataset:research-institute:digital-twins');
    expect(twins).toMatchObject({ 'healthdcatap:numberOfRecords': TWINS, 'healthdcatap:numberOfUniqueIndividuals': TWINS, 'dct:accessRights': 'http://publications.europa.eu/resource/authority/access-right/RESTRICTED' });
    expect(twins?.['healthdcatap:minTypicalAge']).toBeGreaterThanOrEqual(30);
    expect(twins?.hasPolicy.map((o) => o['@id'].split(':').pop()).sort()).toEqual(['HRESCH', 'MLTRAIN']);
  });

  it('answers suppressed counts and means of the observed outcome under MLTRAIN, and nothing record-level', async () => {
    const { transfer } = await transferFor('research-institute', 'digital-twins', 'MLTRAIN');
    const analyst = { userId: 'analyst@lih.example', role: 'data-scientist', purpose: 'MLTRAIN' };
    const res = await consumer.fhir(transfer, '/$aggregate', analyst, { method: 'POST', body: { rows: 'receivedClass', columns: 'sex', mean: 'hba1cChange' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { cells: Array<Array<number | string>>; means: { cells: Array<Array<number | string | null>> }; contributingRecords: number; rows: { values: string[] } };
    expect(body.contributingRecords).toBe(TWINS);
    expect(body.rows.values).toContain('sglt2i');
    const flat = body.cells.flat();
    expect(flat.every((c) => c === '<5' || c === 0 || (typeof c === 'number' && c >= 5))).toBe(true);
    body.cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        const mean = body.means.cells[r]?.[c];
        if (cell === '<5') expect(mean).toBe('<5');
        else if (cell === 0) expect(mean).toBeNull();
        else expect(mean).toBeLessThan(0); // every class lowers HbA1c on average
      }),
    );
    // anonymised: neither the generator's ids nor any counterfactual leave the provider
    expect(JSON.stringify(body)).not.toMatch(/twin-20250601|"counterfactual|"propensity|"eligibleClasses/);
    expect((await consumer.fhir(transfer, '/Patient?_id=x', analyst)).status).toBe(403);
    const bad = await consumer.fhir(transfer, '/$aggregate', analyst, { method: 'POST', body: { rows: 'nationalId' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as OperationOutcome).issue[0]?.diagnostics ?? '').toBeDefined();
  });
});

describe('survival tables', () => {
  it('answers a progression-free life table under HRESCH with no derivable count between 1 and 4', async () => {
    const { transfer } = await transferFor('alzette-hospital', 'ehr', 'HRESCH');
    const research = { userId: 'analyst', role: 'oncologist', purpose: 'HRESCH' };
    const res = await consumer.fhir(transfer, '/$aggregate', research, { method: 'POST', body: { survival: { intervalMonths: 6 } } });
    expect(res.status).toBe(200);
    const table = (await res.json()) as { contributingRecords: number; intervals: Array<{ atRisk: number; events: number | string; censored: number | string; survival: number | null }> };
    expect(table.contributingRecords).toBeGreaterThanOrEqual(10);
    expect(table.intervals[0]?.atRisk).toBe(table.contributingRecords);
    const small = (n: number | string) => typeof n === 'number' && n > 0 && n < 5;
    table.intervals.forEach((row, i) => {
      expect(small(row.events) || small(row.censored)).toBe(false);
      const next = table.intervals[i + 1];
      if (next) expect(small(row.atRisk - next.atRisk)).toBe(false);
    });
    expect((await consumer.fhir(transfer, '/$aggregate', research, { method: 'POST', body: { survival: { intervalMonths: 5 } } })).status).toBe(400);
    expect((await consumer.fhir(transfer, '/$aggregate', research, { method: 'POST', body: { survival: { cancerType: 'nonsense' } } })).status).toBe(400);
  });
});

describe('durable access-event forwarding', () => {
  it('an access recorded just before a SIGKILL reaches the authority exactly once after the restart', async () => {
    const { transfer } = await transferFor('alzette-hospital', 'ehr', 'TREAT');
    const res = await consumer.fhir(transfer, `/Patient?identifier=${MARIE}`, treatPractitioner);
    expect(res.status).toBe(200);
    const fromAlzette = async () => (await accessLog(MARIE)).events.filter((e) => e.providerId === 'alzette-hospital');
    expect(await fromAlzette()).toHaveLength(0); // still in the provider's outbox
    await ds.kill('alzette-hospital');
    await ds.restart('alzette-hospital', { ACCESS_EVENT_FORWARD_DELAY_MS: '0' });
    const deadline = Date.now() + 20_000;
    let events = await fromAlzette();
    while (events.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      events = await fromAlzette();
    }
    expect(events).toHaveLength(1);
    expect(events[0]?.outcome).toBe('allowed');
    // a later forwarding round sends nothing again
    await new Promise((r) => setTimeout(r, 1000));
    expect(await fromAlzette()).toHaveLength(1);
  });

  it('the authority indexes an event id once, however often it is reported', async () => {
    const report = { patient: MARIE, auditEventId: `resend-${Date.now()}`, recorded: new Date().toISOString(), purpose: 'TREAT', consumerId: 'd4h-clinic', professional: 'x', professionalRole: 'endocrinologist', action: 'read', outcome: 'allowed', detail: 'resent' };
    // A provider of its own (access events come only from a provider holding the person's record).
    const labKey = await generateParticipantKeyPair();
    const enrolled = await fetch(`${ds.authorityUrl}/registry/enrol`, { method: 'POST', headers: { authorization: `Bearer ${ds.operatorToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'resend-lab', legalName: 'Resend lab', kind: 'hospital', roles: ['hospital', 'provider'], jwks: publicJwks(labKey) }) });
    const labCredential = ((await enrolled.json()) as { credential: string }).credential;
    const lab = { id: 'resend-lab', key: labKey, credential: () => labCredential };
    await callParticipant(lab, { url: `${ds.authorityUrl}/record-locator`, audience: 'ehealth-agency', body: { nationalIds: [MARIE] } });
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await callParticipant<{ indexed: number; duplicates: number }>(lab, { url: `${ds.authorityUrl}/access-events`, audience: 'ehealth-agency', body: { events: [report, report] } }));
    expect(answers).toEqual([{ indexed: 1, duplicates: 1 }, { indexed: 0, duplicates: 2 }, { indexed: 0, duplicates: 2 }]);
    const events = (await accessLog(MARIE)).events.filter((e) => e.auditEventId === report.auditEventId);
    expect(events).toHaveLength(1);
  });
});

describe('searchset totals', () => {
  it('gives Bundle.total for one fully consented patient, across pages', async () => {
    const { transfer } = await transferFor('alzette-hospital', 'ehr', 'TREAT');
    const bundle = (await (await consumer.fhir(transfer, `/Observation?patient.identifier=${MARIE}&code=59261-8&_count=2`, treatPractitioner)).json()) as Bundle;
    expect(bundle.entry?.filter((e) => e.search?.mode === 'match')).toHaveLength(2);
    expect(bundle.total).toBeGreaterThan(2);
    expect(bundle.link?.some((l) => l.relation === 'next')).toBe(true);
  });
});

describe('provider contract listings for the steward', () => {
  const get = async (path: string, who = identity()) => {
    const { signParticipantToken } = await import('./protocol/participant-token');
    const token = await signParticipantToken({ participantId: who.id, key: who.key, credential: who.credential(), audience: 'alzette-hospital' });
    return fetch(`${ds.participants['alzette-hospital'].url}/contracts${path}`, { headers: { authorization: `Bearer ${token}` } });
  };

  it('lists the caller\'s own negotiations with history, agreements and transfers, and no one else\'s', async () => {
    await transferFor('alzette-hospital', 'ehr', 'TREAT');
    const negotiations = (await (await get('/negotiations')).json()) as { negotiations: Array<{ state: string; purpose: string; history: Array<{ to: string }> }> };
    const finalized = negotiations.negotiations.find((n) => n.state === 'FINALIZED' && n.purpose === 'TREAT');
    expect(finalized?.history.map((h) => h.to)).toEqual(['REQUESTED', 'AGREED', 'VERIFIED', 'FINALIZED']);
    const agreements = (await (await get('/agreements?limit=5')).json()) as { agreements: Array<{ assignee: string; assigner: string }> };
    expect(agreements.agreements.length).toBeGreaterThan(0);
    expect(agreements.agreements.every((a) => a.assignee === 'd4h-clinic' && a.assigner === 'alzette-hospital')).toBe(true);
    const transfers = (await (await get('/transfers')).json()) as { transfers: Array<{ state: string; tokenExpiresAt: string | null; history: Array<{ to: string }> }> };
    const started = transfers.transfers.find((t) => t.state === 'STARTED' && t.tokenExpiresAt);
    expect(started?.history.map((h) => h.to)).toEqual(['REQUESTED', 'STARTED']);

    // another participant sees none of them
    const otherKey = await generateParticipantKeyPair();
    const res = await fetch(`${ds.authorityUrl}/registry/enrol`, { method: 'POST', headers: { authorization: `Bearer ${ds.operatorToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'other-lab', legalName: 'Other lab', kind: 'research', roles: ['research'], jwks: publicJwks(otherKey) }) });
    const otherCredential = ((await res.json()) as { credential: string }).credential;
    const other = { id: 'other-lab', key: otherKey, credential: () => otherCredential };
    expect(((await (await get('/negotiations', other)).json()) as { negotiations: unknown[] }).negotiations).toEqual([]);

    expect((await get('/negotiations?limit=0')).status).toBe(400);
    expect((await get('/negotiations?colour=red')).status).toBe(400);
    expect((await fetch(`${ds.participants['alzette-hospital'].url}/contracts/negotiations`)).status).toBe(401);
  });
});
