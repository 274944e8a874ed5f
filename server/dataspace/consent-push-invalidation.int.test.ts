import type { Bundle, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIONAL_HEALTH_ID_SYSTEM } from '@/server/terminology/code-systems';
import { DspConsumer, enrolConsumer, offersOf, type ConsumerTransfer } from './protocol/dsp-client';
import { generateParticipantKeyPair, publicJwks } from './protocol/participant-keys';
import { signParticipantToken } from './protocol/participant-token';
import type { ParticipantIdentity } from './protocol/participant-http';
import { startDataspace, type Dataspace } from './testing/start-dataspace';
import { changeConsent, consentStatuses, readConsentHistory, readConsents, recordConsent, withdrawConsent, type ConsentRuleInput } from '@/server/consent/authority-consents';
import { ParticipantCallError } from './protocol/participant-http';

// Providers keep the authority's consent decisions under a lease, and the authority pushes every change
// before it confirms it. These tests hold that against real processes: a confirmed withdrawal holds on
// the very next read, even while reads run concurrently, and a provider that cannot be told is waited out.
const MARIE = '1958031500017';
const LUC = '1955012600062';
const LEASE_SECONDS = 4;
const practitioner = { userId: 'sophie.reuter@alzette.example', role: 'endocrinologist', purpose: 'TREAT' };

let ds: Dataspace;
let identity: ParticipantIdentity;
let consumer: DspConsumer;
const transfers = new Map<string, ConsumerTransfer>();

const query = (patient: string) => `/Observation?patient.identifier=${encodeURIComponent(`${NATIONAL_HEALTH_ID_SYSTEM}|${patient}`)}&_count=5`;
async function observations(provider: 'alzette-hospital' | 'moselle-clinic', patient: string): Promise<number> {
  const transfer = transfers.get(provider);
  if (!transfer) throw new Error(`no transfer with ${provider}`);
  const res = await consumer.fhir(transfer, query(patient), practitioner);
  expect(res.status).toBe(200);
  return ((await res.json()) as Bundle).entry?.filter((e) => e.search?.mode === 'match' && (e.resource as Resource).resourceType === 'Observation').length ?? 0;
}
// A change is confirmed only once every leaseholder has it, which may take a lease: allow more than the default 5 s.
const consent = (body: ConsentRuleInput) => recordConsent(identity, { url: ds.authorityUrl, id: 'ehealth-agency' }, { patient: body.patient }, body);
const withdraw = (id: string, patient: string) => withdrawConsent(identity, { url: ds.authorityUrl, id: 'ehealth-agency' }, { patient }, id);

beforeAll(async () => {
  ds = await startDataspace({ seedPatients: 60, env: { CONSENT_LEASE_SECONDS: String(LEASE_SECONDS) } });
  const key = await generateParticipantKeyPair();
  const credential = await enrolConsumer({ authorityUrl: ds.authorityUrl, operatorToken: ds.operatorToken, id: 'd4h-clinic', jwks: publicJwks(key) });
  identity = { id: 'd4h-clinic', key, credential: () => credential };
  consumer = new DspConsumer(identity, 'http://127.0.0.1:9/callback');
  for (const provider of ['alzette-hospital', 'moselle-clinic'] as const) {
    const url = ds.participants[provider].url;
    const offer = offersOf(await consumer.catalog(provider, url)).find((o) => o.offer['@id'].endsWith(':ehr:TREAT'));
    if (!offer) throw new Error(`no TREAT offer at ${provider}`);
    const n = await consumer.negotiate(provider, url, offer.offer, offer.datasetId);
    transfers.set(provider, await consumer.startTransfer(provider, url, n.agreement?.['@id'] ?? ''));
  }
  // The providers take their lease at start; give them a moment to hold one.
  await new Promise((r) => setTimeout(r, 1000));
}, 240_000);

afterAll(async () => {
  await ds?.stop();
});

describe('consent decisions kept at the providers, invalidated by the authority', () => {
  it('a withdrawal confirmed to the patient holds on the next read, though the provider had the decision in memory', async () => {
    expect(await observations('alzette-hospital', MARIE)).toBeGreaterThan(0);
    expect(await observations('alzette-hospital', MARIE)).toBeGreaterThan(0); // answered from memory now
    const rule = await consent({ patient: MARIE, decision: 'deny', purpose: 'TREAT' });
    expect(await observations('alzette-hospital', MARIE)).toBe(0);
    await withdraw(rule.id, MARIE);
    expect(await observations('alzette-hospital', MARIE)).toBeGreaterThan(0);
  });

  it('while reads run without pause, no read that starts after the confirmation returns the withdrawn data', async () => {
    let running = true;
    let confirmedAt = Infinity;
    const leaks: number[] = [];
    const reader = (async () => {
      let reads = 0;
      while (running) {
        const startedAt = performance.now();
        const n = await observations('alzette-hospital', MARIE);
        if (startedAt > confirmedAt && n > 0) leaks.push(n);
        reads += 1;
      }
      return reads;
    })();
    await new Promise((r) => setTimeout(r, 300));
    const rule = await consent({ patient: MARIE, decision: 'deny', purpose: 'TREAT' });
    confirmedAt = performance.now();
    await new Promise((r) => setTimeout(r, 500));
    running = false;
    expect(await reader).toBeGreaterThan(5);
    expect(leaks).toEqual([]);
    await withdraw(rule.id, MARIE);
  });

  it('a provider that cannot be told is waited out: the withdrawal is confirmed once its lease has ended', async () => {
    expect(await observations('moselle-clinic', LUC)).toBeGreaterThan(0);
    await ds.kill('moselle-clinic');
    const started = performance.now();
    const rule = await consent({ patient: LUC, decision: 'deny', purpose: 'TREAT' });
    const took = performance.now() - started;
    // Its lease may have just been renewed: the authority waits up to one lease, never much longer.
    expect(took).toBeLessThan(LEASE_SECONDS * 1000 + 3000);
    // The answer says so per provider: the live one applied it, the killed one's lease ran out.
    expect(rule.providers.find((p) => p.provider === 'alzette-hospital')?.status).toBe('applied');
    expect(rule.providers.find((p) => p.provider === 'moselle-clinic')).toMatchObject({ status: 'lease-expired', at: expect.stringMatching(/^\d{4}-/) });
    // The live provider was told at once.
    expect(await observations('alzette-hospital', LUC)).toBe(0);
    await ds.restart('moselle-clinic');
    expect(await observations('moselle-clinic', LUC)).toBe(0);
    await withdraw(rule.id, LUC);
    expect(await observations('moselle-clinic', LUC)).toBeGreaterThan(0);
  });

  it('a dashboard change: a repeat of the same request writes one version, a stale base version is a conflict that writes nothing', async () => {
    const authority = { url: ds.authorityUrl, id: 'ehealth-agency' };
    const { version } = await readConsents(identity, authority, { patient: MARIE }, MARIE);
    const change = { patient: MARIE, baseVersion: version, idempotencyKey: `test-${Date.now()}`, rules: [{ decision: 'deny' as const, purpose: 'TREAT', organisation: null, professional: null, dataCategory: null, validFrom: null, validUntil: null }] };
    const [first, second] = await Promise.all([changeConsent(identity, authority, { patient: MARIE }, change), changeConsent(identity, authority, { patient: MARIE }, change)]);
    expect([first.repeated, second.repeated].sort()).toEqual([false, true]);
    expect(first.version).toBe(version + 1);
    expect(second.version).toBe(version + 1);
    expect(first.receipt).toMatch(/^ey/);
    expect(await observations('alzette-hospital', MARIE)).toBe(0);
    const stale = await changeConsent(identity, authority, { patient: MARIE }, { ...change, idempotencyKey: `test-other-${Date.now()}`, rules: [] }).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ParticipantCallError);
    expect((stale as ParticipantCallError).status).toBe(409);
    expect((await readConsents(identity, authority, { patient: MARIE }, MARIE)).version).toBe(version + 1);
    // Another patient's consent cannot be changed on Marie's behalf.
    const other = await changeConsent(identity, authority, { patient: MARIE }, { ...change, patient: LUC, baseVersion: 1, idempotencyKey: `test-luc-${Date.now()}` }).catch((e: unknown) => e);
    expect((other as ParticipantCallError).status).toBe(403);
    await changeConsent(identity, authority, { patient: MARIE }, { ...change, baseVersion: version + 1, idempotencyKey: `test-undo-${Date.now()}`, rules: (await readConsentHistory(identity, authority, { patient: MARIE }, MARIE)).versions.find((v) => v.version === version)?.rules ?? [] });
    expect(await observations('alzette-hospital', MARIE)).toBeGreaterThan(0);
  });

  it('"no emergency access": the portal is told ETREAT is withdrawn, with the Consent version, before it grants break-glass', async () => {
    const authority = { url: ds.authorityUrl, id: 'ehealth-agency' };
    const ask = () => consentStatuses(identity, authority, { purpose: 'ETREAT', organisation: 'moselle-clinic', professional: 'marc.thill@moselle.example', patients: [LUC] });
    expect((await ask()).statuses[LUC]?.status).toBe('active');
    const rule = await consent({ patient: LUC, decision: 'deny', purpose: 'ETREAT' });
    const refused = (await ask()).statuses[LUC];
    expect(refused).toMatchObject({ status: 'withdrawn', consentVersion: { version: rule.version } });
    await withdraw(rule.id, LUC);
    expect((await ask()).statuses[LUC]?.status).toBe('active');
  });

  it('takes invalidations from the authority only', async () => {
    const url = `${ds.participants['alzette-hospital'].url}/consent-invalidations`;
    expect((await fetch(url, { method: 'POST', body: '{"all":true}', headers: { 'content-type': 'application/json' } })).status).toBe(401);
    const token = await signParticipantToken({ participantId: identity.id, key: identity.key, credential: identity.credential(), audience: 'alzette-hospital' });
    const forged = await fetch(url, { method: 'POST', body: '{"all":true}', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
    expect(forged.status).toBe(403);
  });
});
