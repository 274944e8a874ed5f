import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/db/client';
import { signEdrToken } from '@/server/dataspace/protocol/edr-token';
import { generateParticipantKeyPair, publicJwks, type ParticipantKeyPair } from '@/server/dataspace/protocol/participant-keys';
import { signPractitionerAssertion } from '@/server/dataspace/protocol/practitioner-assertion';
import type { PdpDecision } from '@/server/dataspace/runtime/authority-client';
import type { MatchRow } from '@/server/fhir/search-batch-store';
import type { AccessRecord } from './access-audit';
import { ConsentGate, isRefusal, type Candidates, type GateOperation, type GateRequest, type Permitted } from './consent-gate';

// The gate's order and its audit, with the authority and the store replaced by recorders: what each
// step is asked, and in which order, is the subject here (the routes are called for real in
// data-plane-gate.int.test.ts).

const PROVIDER = 'alzette-hospital';
const CONSUMER = 'd4h-clinic';
const STORE = { store: 'the provider database' } as unknown as Database;

let providerKey: ParticipantKeyPair;
let consumerKey: ParticipantKeyPair;

beforeAll(async () => {
  [providerKey, consumerKey] = await Promise.all([generateParticipantKeyPair(), generateParticipantKeyPair()]);
});

async function credentials(purpose = 'TREAT', practitionerPurpose = purpose): Promise<GateRequest> {
  const { token } = await signEdrToken({ key: providerKey, provider: PROVIDER, consumer: CONSUMER, agreementId: 'agreement-1', transferId: 'transfer-1', datasetId: 'ehr', purpose, consumerJkt: consumerKey.kid });
  const assertion = await signPractitionerAssertion({ key: consumerKey, consumerId: CONSUMER, audience: PROVIDER, userId: 'sophie.reuter@alzette.example', role: 'endocrinologist', organisation: CONSUMER, purpose: practitionerPurpose });
  return { bearer: token, assertion };
}

const decision = (d: 'permit' | 'deny', categories: PdpDecision['categories'] = {}): PdpDecision => ({ decision: d, status: d === 'permit' ? 'active' : 'withdrawn', categories, basis: [] });
const row = (id: string, nationalId: string, dataCategory: string): MatchRow => ({ id, nationalId, dataCategory, resource: { resourceType: 'Observation', id } });

/** A gate whose collaborators write what they are asked into `steps`. */
function gateWith(input: { decide?: (patient: string) => PdpDecision; cohort?: string[]; transferState?: string | null }) {
  const steps: string[] = [];
  const audited: AccessRecord[] = [];
  const gate = new ConsentGate({
    id: PROVIDER,
    store: STORE,
    jwks: publicJwks(providerKey),
    datasets: [],
    authority: {
      decide: async (q) => {
        steps.push(`decide ${q.patient} ${[...q.categories].sort().join(',')}`);
        return (input.decide ?? (() => decision('permit')))(q.patient);
      },
      cohort: async (q) => {
        steps.push(`cohort ${q.patients.join(',')}`);
        return { purpose: q.purpose, permitted: input.cohort ?? q.patients };
      },
    },
    // No memory: every question goes to the authority.
    decisions: { decide: (_question, ask) => ask() },
    auditor: {
      record: async (records) => {
        steps.push(`audit ${records.map((r) => `${r.patient ?? '-'}:${r.outcome}`).join(',')}`);
        audited.push(...records);
      },
    },
    transferState: async () => {
      steps.push('transfer');
      return input.transferState === undefined ? 'STARTED' : input.transferState;
    },
  });
  return { gate, steps, audited };
}

/** An operation that offers `candidates` and answers with what it was permitted. */
function operation(steps: string[], candidates: Candidates): GateOperation<Permitted> {
  return {
    query: 'Observation?patient=p1',
    candidates: async (store) => {
      expect(store).toBe(STORE);
      steps.push('candidates');
      return candidates;
    },
    answer: async (_store, _caller, permitted) => {
      steps.push('answer');
      return permitted;
    },
  };
}

describe('ConsentGate', () => {
  it('runs EDR check → candidates → consent decision → audit → answer, in that order', async () => {
    const { gate, steps } = gateWith({});
    const result = await gate.pass(await credentials(), operation(steps, { kind: 'records', rows: [row('o1', 'p1', 'laboratory')] }));
    expect(isRefusal(result)).toBe(false);
    expect(steps).toEqual(['transfer', 'candidates', 'decide p1 laboratory', 'audit p1:allowed', 'answer']);
  });

  it('refuses an invalid EDR with 401 before any transfer lookup, store access or consent question, and audits it', async () => {
    const [header, payload, signature = ''] = ((await credentials()).bearer ?? '').split('.');
    const forged = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    for (const bearer of [undefined, 'not-a-token', forged]) {
      const { gate, steps, audited } = gateWith({});
      const result = await gate.pass({ ...(await credentials()), bearer }, operation(steps, { kind: 'records', rows: [row('o1', 'p1', 'laboratory')] }));
      expect(result).toMatchObject({ refused: true, status: 401, code: 'login' });
      expect(steps).toEqual(['audit -:denied']);
      expect(audited[0]?.detail).toMatch(/^token refused/);
    }
  });

  it('refuses an assertion for another purpose, and a transfer that is not STARTED, with 403 before the store, audited', async () => {
    const mismatch = gateWith({});
    expect(await mismatch.gate.pass(await credentials('TREAT', 'HRESCH'), operation(mismatch.steps, { kind: 'anonymous' }))).toMatchObject({ status: 403 });
    expect(mismatch.steps).toEqual(['audit -:denied']);
    const suspended = gateWith({ transferState: 'SUSPENDED' });
    expect(await suspended.gate.pass(await credentials(), operation(suspended.steps, { kind: 'anonymous' }))).toMatchObject({ status: 403, text: 'the transfer process is SUSPENDED' });
    expect(suspended.steps).toEqual(['transfer', 'audit -:denied']);
  });

  it('hands the answer nothing of a patient whose consent denies, and only the permitted categories of a partial consent', async () => {
    const { gate, steps, audited } = gateWith({ decide: (p) => (p === 'p1' ? decision('deny') : { ...decision('permit', { laboratory: 'permit', medications: 'deny' }), decision: 'partial', status: 'partial' }) });
    const rows = [row('o1', 'p1', 'laboratory'), row('o2', 'p2', 'laboratory'), row('m2', 'p2', 'medications'), row('x', 'p2', 'not-a-category')];
    const permitted = await gate.pass(await credentials(), operation(steps, { kind: 'records', rows }));
    if (isRefusal(permitted) || permitted.kind !== 'records') throw new Error('expected records');
    expect(permitted.kept.map((r) => r.id)).toEqual(['o2']);
    expect([...permitted.decisions.keys()].sort()).toEqual(['p1', 'p2']);
    expect(audited.map((a) => [a.patient, a.outcome]).sort()).toEqual([['p1', 'denied'], ['p2', 'partial']]);
  });

  it('audits a request that matched nobody, and a refusal by the operation itself', async () => {
    const empty = gateWith({});
    await empty.gate.pass(await credentials(), operation(empty.steps, { kind: 'records', rows: [] }));
    expect(empty.steps).toEqual(['transfer', 'candidates', 'audit -:allowed', 'answer']);
    const refused = gateWith({});
    const op: GateOperation<never> = { query: 'Spaceship?x', candidates: async () => ({ refused: true, status: 404, code: 'not-supported', text: 'no spaceships' }), answer: async () => expect.fail('answered a refused request') };
    expect(await refused.gate.pass(await credentials(), op)).toMatchObject({ status: 404 });
    expect(refused.steps).toEqual(['transfer', 'audit -:denied']);
  });

  it('counts in an aggregate only the people the cohort decision permits, and never one it was not asked about', async () => {
    const { gate, steps } = gateWith({ cohort: ['p2', 'p9'] });
    const permitted = await gate.pass(await credentials('HRESCH'), operation(steps, { kind: 'cohort', patients: ['p1', 'p2', 'p3'] }));
    expect(permitted).toEqual({ kind: 'cohort', patients: ['p2'] });
    expect(steps).toEqual(['transfer', 'candidates', 'cohort p1,p2,p3', 'audit -:allowed', 'answer']);
  });

  it('marks break-glass reads of a patient, with the reason, and not the refusals', async () => {
    const { gate, steps, audited } = gateWith({});
    const { token } = await signEdrToken({ key: providerKey, provider: PROVIDER, consumer: CONSUMER, agreementId: 'a', transferId: 't', datasetId: 'ehr', purpose: 'ETREAT', consumerJkt: consumerKey.kid });
    const assertion = (reason?: string) =>
      signPractitionerAssertion({ key: consumerKey, consumerId: CONSUMER, audience: PROVIDER, userId: 'u', role: 'endocrinologist', organisation: CONSUMER, purpose: 'ETREAT', ...(reason ? { breakGlassReason: reason } : {}) });
    expect(await gate.pass({ bearer: token, assertion: await assertion() }, operation(steps, { kind: 'anonymous' }))).toMatchObject({ status: 403 });
    await gate.pass({ bearer: token, assertion: await assertion('unconscious patient, no relative') }, operation(steps, { kind: 'records', rows: [row('o1', 'p1', 'laboratory')] }));
    expect(audited.map((a) => [a.patient, a.breakGlass])).toEqual([[null, false], ['p1', true]]);
    expect(audited[1]?.detail).toBe('consent active; break-glass: unconscious patient, no relative');
  });

  it('fails closed when the authority cannot be asked: 503 with the reason, nothing reaches the answer, audited as denied', async () => {
    const { gate, steps, audited } = gateWith({
      decide: () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:4100');
      },
    });
    const result = await gate.pass(await credentials(), operation(steps, { kind: 'records', rows: [row('o1', 'p1', 'laboratory')] }));
    expect(result).toMatchObject({ refused: true, status: 503, code: 'transient' });
    expect(steps).toEqual(['transfer', 'candidates', 'decide p1 laboratory', 'audit -:denied']);
    expect(audited[0]?.detail).toMatch(/consent authority does not answer/);
  });
});
