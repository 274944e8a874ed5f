import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@/db/client';
import { openTestDatabase } from '@/db/test-databases';
import { recordConsent } from '@/server/consent/authority-consents';
import { DataspaceConsumer } from '@/server/dataspace/consumer/dataspace-consumer';
import { startDataspace, type Dataspace } from '@/server/dataspace/testing/start-dataspace';
import { testConsumerSettings } from '@/server/dataspace/testing/consumer-settings';
import { generatedConsentRules } from '@/server/dataspace/authority/default-consents';
import { oncologyCourse } from '@/server/synthetic/ehr/oncology-course';
import { EHR_SEED, peopleAt } from '@/server/synthetic/ehr/population';
import { askProviders } from './ask-providers';
import { similarPatients } from './similar-patients';

// 2,500 people per hospital: enough colorectal and breast cancers on a first line at both hospitals.
const SEED = 2500;
const analyst = { userId: 'elena.rossi@alzette.example', role: 'oncologist' };

let ds: Dataspace;
let database: OpenDatabase;
let consumer: DataspaceConsumer;

beforeAll(async () => {
  [ds, database] = await Promise.all([startDataspace({ seedPatients: SEED, timeoutMs: 500_000 }), openTestDatabase('pglite', path.resolve('db/app/migrations'))]);
  consumer = new DataspaceConsumer(database.db, testConsumerSettings(ds, { contractTimeoutMs: 15_000 }));
}, 600_000);

afterAll(async () => {
  await ds?.stop();
  await database?.close();
});

const ok = (n: number) => n === 0 || n >= 5;

describe('similar patients over real participants', () => {
  it('pools both hospitals into curves by treatment, every count 0 or ≥ 5, each curve naming its providers', async () => {
    const result = await similarPatients({ cancerType: 'breast', line: 1 }, askProviders(consumer, analyst, 60_000));
    expect(result.providers.map((p) => p.providerId).sort()).toEqual(['alzette-hospital', 'moselle-clinic', 'research-institute']);
    expect(result.providers.map((p) => [p.providerId, p.status, p.detail])).toEqual([
      ['alzette-hospital', 'ok', null],
      ['moselle-clinic', 'ok', null],
      ['research-institute', 'ok', null],
    ]);
    expect(result.providers.filter((p) => typeof p.cohort === 'number').map((p) => p.providerId).sort()).toEqual(['alzette-hospital', 'moselle-clinic']);
    const letrozole = result.curves.find((c) => c.treatment === 'letrozole');
    expect(letrozole?.providers.sort()).toEqual(['alzette-hospital', 'moselle-clinic']);
    expect(letrozole?.patients).toBeGreaterThanOrEqual(20);
    expect(letrozole?.overallSurvival.length).toBeGreaterThan(0);
    for (const c of result.curves) for (const p of [...c.overallSurvival, ...c.progressionFreeSurvival]) expect([p.atRisk >= 5, ok(p.events), ok(p.censored), p.lower <= p.survival, p.survival <= p.upper]).toEqual([true, true, true, true, true]);
    for (const t of result.treatments) expect(t.count === '<5' || Number(t.count.replace('≥', '')) >= 5).toBe(true);
  });

  it('refuses a repeat that differs by one person (one research opt-out): the two answers cannot be subtracted', async () => {
    const first = await similarPatients({ cancerType: 'colorectal', line: 1 }, askProviders(consumer, analyst, 60_000));
    expect(first.providers.find((p) => p.providerId === 'alzette-hospital')?.status).toBe('ok');
    // A colorectal patient on a first line at Alzette who consents to research today opts out.
    const person = [...peopleAt('alzette-hospital', SEED, EHR_SEED)].find(
      (p) => !p.demo && p.heldBy[0] === 'alzette-hospital' && p.oncology?.cancer.key === 'colorectal' && oncologyCourse(p, EHR_SEED)?.lines.some((l) => l.line === 1) && generatedConsentRules(p.nationalId).length === 0,
    );
    expect(person).toBeDefined();
    const identity = await consumer.identity.current();
    await recordConsent(identity, { url: ds.authorityUrl, id: 'ehealth-agency' }, { patient: person?.nationalId ?? '' }, { patient: person?.nationalId ?? '', decision: 'deny', purpose: 'HRESCH' });
    const second = await similarPatients({ cancerType: 'colorectal', line: 1 }, askProviders(consumer, analyst, 60_000));
    const alzette = second.providers.find((p) => p.providerId === 'alzette-hospital');
    expect(alzette).toMatchObject({ status: 'refused' });
    expect(alzette?.detail).toMatch(/differs from one already answered .* by fewer than 5 people/);
    expect(second.statement).toMatch(/Too few providers contributed/);
  });
});
