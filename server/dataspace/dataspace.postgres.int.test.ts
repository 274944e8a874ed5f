import type { Bundle } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateFhirR4 } from '@/server/fhir/testing/fhir-schema';
import { NATIONAL_HEALTH_ID_SYSTEM } from '@/server/synthetic/demo-people';
import { DspConsumer, enrolConsumer, offersOf } from './protocol/dsp-client';
import { validateDspMessage } from './protocol/dsp-validator';
import { generateParticipantKeyPair, publicJwks, type ParticipantKeyPair } from './protocol/participant-keys';
import { startDataspace, type Dataspace } from './testing/start-dataspace';
import { readAccessLog } from '@/server/consent/authority-consents';

/**
 * The main DSP flow with every participant on its own fresh PostgreSQL database (dropped afterwards):
 * the same code paths as on PGlite except the driver, the bulk loader (json_populate_recordset instead
 * of COPY) and the transaction handling. Runs when TEST_DATABASE_URL is set (CI sets it).
 */
const MARIE = '1958031500017';
const practitioner = { userId: 'sophie.reuter@alzette.example', role: 'endocrinologist', purpose: 'TREAT' };

describe.skipIf(!process.env.TEST_DATABASE_URL)('DSP flow on PostgreSQL', () => {
  let ds: Dataspace;
  let consumer: DspConsumer;
  let identity: { id: string; key: ParticipantKeyPair; credential: () => string };

  beforeAll(async () => {
    ds = await startDataspace({ seedPatients: 60, storage: 'postgres', env: { DIGITAL_TWIN_RECORDS: '200' } });
    const key = await generateParticipantKeyPair();
    const credential = await enrolConsumer({ authorityUrl: ds.authorityUrl, operatorToken: ds.operatorToken, id: 'd4h-clinic', jwks: publicJwks(key) });
    identity = { id: 'd4h-clinic', key, credential: () => credential };
    consumer = new DspConsumer(identity, 'http://127.0.0.1:9/callback');
  }, 240_000);

  afterAll(async () => {
    if (process.env.DEBUG_DATASPACE) console.log(ds?.logs());
    await ds?.stop();
  });

  it('catalog → negotiation → transfer → FHIR search, schema-valid, and the data survives a SIGKILL', async () => {
    const url = ds.participants['alzette-hospital'].url;
    const catalog = await consumer.catalog('alzette-hospital', url);
    expect(validateDspMessage('Catalog', catalog).valid).toBe(true);
    expect(catalog.dataset?.[0]?.['healthdcatap:numberOfUniqueIndividuals']).toBeGreaterThan(60);
    const treat = offersOf(catalog).find((o) => o.offer['@id'].endsWith(':TREAT'));
    if (!treat) throw new Error('no TREAT offer');
    const n = await consumer.negotiate('alzette-hospital', url, treat.offer, treat.datasetId);
    expect(n.history.map((h) => h.to)).toEqual(['REQUESTED', 'AGREED', 'VERIFIED', 'FINALIZED']);
    const transfer = await consumer.startTransfer('alzette-hospital', url, n.agreement?.['@id'] ?? '');
    expect(transfer.state).toBe('STARTED');
    const query = `/Observation?patient.identifier=${encodeURIComponent(`${NATIONAL_HEALTH_ID_SYSTEM}|${MARIE}`)}&code=${encodeURIComponent('http://loinc.org|59261-8')}&_sort=-date&_count=3`;
    const bundle = (await (await consumer.fhir(transfer, query, practitioner)).json()) as Bundle;
    expect(validateFhirR4(bundle)).toEqual([]);
    expect(bundle.entry?.filter((e) => e.search?.mode === 'match')).toHaveLength(3);
    // the access went through the provider's outbox (written in the audit event's own statement) to the authority's index
    const fromAlzette = async () => (await readAccessLog(identity, { url: ds.authorityUrl, id: 'ehealth-agency' }, { patient: MARIE }, MARIE)).events.filter((e) => e.providerId === 'alzette-hospital');
    const deadline = Date.now() + 10_000;
    while ((await fromAlzette()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await fromAlzette()).toHaveLength(1);

    await ds.kill('alzette-hospital');
    await ds.restart('alzette-hospital');
    const again = (await (await consumer.fhir(transfer, query, practitioner)).json()) as Bundle;
    expect(again.entry?.filter((e) => e.search?.mode === 'match').map((e) => e.resource?.id)).toEqual(bundle.entry?.filter((e) => e.search?.mode === 'match').map((e) => e.resource?.id));
    expect(ds.logs()).toMatch(/already seeded/);
  });

  it('serves the digital-twin cohort from PostgreSQL', async () => {
    const url = ds.participants['research-institute'].url;
    const catalog = await consumer.catalog('research-institute', url);
    const twins = catalog.dataset?.find((d) => d['@id'].endsWith(':digital-twins'));
    expect(twins?.['healthdcatap:numberOfRecords']).toBe(200);
    const offer = offersOf(catalog).find((o) => o.offer['@id'].endsWith(':digital-twins:HRESCH'));
    if (!offer) throw new Error('no HRESCH twin offer');
    const n = await consumer.negotiate('research-institute', url, offer.offer, offer.datasetId);
    const transfer = await consumer.startTransfer('research-institute', url, n.agreement?.['@id'] ?? '');
    const res = await consumer.fhir(transfer, '/$aggregate', { userId: 'analyst', role: 'researcher', purpose: 'HRESCH' }, { method: 'POST', body: { rows: 'egfrBand' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { contributingRecords: number }).contributingRecords).toBe(200);
  });
});
