import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@/db/client';
import { openTestDatabase } from '@/db/test-databases';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { auditEvents } from '@/db/app/schema/audit-events';
import { diabetesDecisions } from '@/db/app/schema/diabetes-decisions';
import { createCaller } from '@/server/api/root';
import { contextFor } from '@/server/api/testing/test-context';
import { startDataspace, type Dataspace } from '@/server/dataspace/testing/start-dataspace';

const MARIE = '1958031500017'; // alzette-hospital and moselle-clinic
const HENRI = '1949060800079'; // alzette-hospital only; eGFR 25
const ANNE = '1966072800031'; // not in the first endocrinologist's care

let ds: Dataspace;
let database: OpenDatabase;

beforeAll(async () => {
  [ds, database] = await Promise.all([startDataspace({ seedPatients: 20, storage: 'memory' }), openTestDatabase('pglite', path.resolve('db/app/migrations'))]);
  process.env.AUTHORITY_URL = ds.authorityUrl;
  process.env.DATASPACE_OPERATOR_TOKEN = ds.operatorToken;
  await seedDemoUsers(database.db);
}, 400_000);

afterAll(async () => {
  await ds?.stop();
  await database?.close();
});

const endocrinologist = async () => createCaller(await contextFor(database.db, 'endocrinologist'));

describe('diabetes.panel', () => {
  it('lists the patients in care with HbA1c, goal, therapy, care gaps and consent per provider, searchable and sorted', async () => {
    const caller = await endocrinologist();
    const panel = await caller.diabetes.panel({ sort: 'hba1c', direction: 'desc' });
    expect(panel.inCare).toBe(4);
    expect(panel.rows.map((r) => r.nationalId).sort()).toEqual(['1949060800079', '1951110200024', '1955012600062', '1958031500017']);
    const henri = panel.rows.find((r) => r.nationalId === HENRI);
    expect(henri).toMatchObject({ name: 'Henri Schiltz', sex: 'male', target: { mmolMol: 58 }, aboveTarget: true, therapy: [{ drugClasses: ['dpp4i'] }] });
    expect(henri?.careGaps.map((g) => g.code)).toContain('ckd-without-sglt2i');
    expect(henri?.providers).toEqual([expect.objectContaining({ providerId: 'alzette-hospital', status: 'ok' })]);
    const values = panel.rows.map((r) => r.hba1c?.mmolMol ?? -1);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const marie = panel.rows.find((r) => r.nationalId === MARIE);
    expect(marie?.providers.map((p) => p.providerId).sort()).toEqual(['alzette-hospital', 'moselle-clinic']);

    const found = await caller.diabetes.panel({ search: 'schiltz' });
    expect(found.rows.map((r) => r.nationalId)).toEqual([HENRI]);
    const paged = await caller.diabetes.panel({ sort: 'name', direction: 'asc', pageSize: 5, page: 1 });
    expect(paged.rows.map((r) => r.name)).toEqual(['Henri Schiltz', 'Jean Weber', 'Luc Klein', 'Marie Schmit']);
    const gaps = await caller.diabetes.panel({ filter: 'careGaps' });
    expect(gaps.rows.every((r) => r.careGaps.length > 0)).toBe(true);
  });
});

describe('diabetes.recommendation', () => {
  it('for eGFR 25: never metformin, an SGLT2 inhibitor offered first for CKD; every feature tied to its resource, provider and agreement', async () => {
    const caller = await endocrinologist();
    const rec = await caller.diabetes.recommendation({ nationalId: HENRI });
    expect(rec.model).toMatchObject({ state: 'ready', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(rec.refusals).toEqual([]);
    const egfr = rec.features.find((f) => f.name === 'egfrMlMin173m2');
    expect(egfr?.value).toBeGreaterThanOrEqual(20);
    expect(egfr?.value).toBeLessThan(30);
    expect(egfr?.sources[0]).toMatchObject({ providerId: 'alzette-hospital', agreementId: expect.any(String), resource: expect.stringMatching(/^Observation\//) });
    const metformin = rec.options.find((o) => o.drugClass === 'metformin');
    expect(metformin).toMatchObject({ rank: null, group: 'excluded' });
    expect(metformin?.findings.map((f) => f.ruleId)).toContain('metformin-egfr-below-30');
    const sglt2i = rec.options.find((o) => o.drugClass === 'sglt2i');
    expect(sglt2i).toMatchObject({ rank: 1, group: 'organ-protection' });
    expect(rec.options.find((o) => o.drugClass === 'dpp4i')?.rank).toBeNull(); // already taken
    expect(rec.ruleSetVersion).toMatch(/^\d{4}\.\d+\.\d+$/);
    expect(rec.citations.length).toBeGreaterThan(0);
    expect(rec.series.egfr.length).toBeGreaterThan(2);
    expect(rec.missingData).toEqual([]);
  });

  it('a patient outside the care relationship is refused (FORBIDDEN), and so is another role', async () => {
    const caller = await endocrinologist();
    await expect(caller.diabetes.recommendation({ nationalId: ANNE })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const oncologist = createCaller(await contextFor(database.db, 'oncologist'));
    await expect(oncologist.diabetes.recommendation({ nationalId: MARIE })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('diabetes.decide and diabetes.history', () => {
  it('stores an override with its reason as a GuidanceResponse with the basis, audited, idempotent, shown in the history', async () => {
    const caller = await endocrinologist();
    const key = randomUUID();
    const decision = { nationalId: HENRI, idempotencyKey: key, action: 'overridden' as const, chosenClass: 'glp1ra' as const, overrideReason: 'patient-preference' as const, note: 'Prefers a weekly injection.' };
    const first = await caller.diabetes.decide(decision);
    expect(first.replayed).toBe(false);
    const again = await caller.diabetes.decide(decision);
    expect(again).toMatchObject({ id: first.id, replayed: true });
    await expect(caller.diabetes.decide({ ...decision, note: 'something else' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await database.db.select().from(diabetesDecisions).where(eq(diabetesDecisions.idempotencyKey, key))).toHaveLength(1);

    const history = await caller.diabetes.history({ nationalId: HENRI });
    expect(history[0]).toMatchObject({ id: first.id, action: 'overridden', chosenClass: 'glp1ra', topClass: 'sglt2i', overrideReason: 'patient-preference', note: 'Prefers a weekly injection.' });
    const resource = history[0]?.resource as { resourceType: string; contained: { parameter: { name: string }[] }[]; reasonCode: { coding: { code: string }[] }[] };
    expect(resource.resourceType).toBe('GuidanceResponse');
    expect(resource.reasonCode[0]?.coding[0]?.code).toBe('patient-preference');
    expect(resource.contained[0]?.parameter.map((p) => p.name)).toEqual(expect.arrayContaining(['model', 'ruleSetVersion', 'feature:egfrMlMin173m2', 'option']));
    const audit = await database.db.select().from(auditEvents).where(and(eq(auditEvents.patientNationalId, HENRI), eq(auditEvents.subtype, 'decision')));
    expect(audit).toHaveLength(1);
  });

  it('refuses an incoherent decision with 4xx and writes nothing', async () => {
    const caller = await endocrinologist();
    const base = { nationalId: HENRI, idempotencyKey: randomUUID() };
    await expect(caller.diabetes.decide({ ...base, action: 'accepted', chosenClass: 'metformin' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.diabetes.decide({ ...base, action: 'overridden', chosenClass: 'metformin' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.diabetes.decide({ ...base, action: 'overridden', chosenClass: 'sglt2i', overrideReason: 'cost-or-coverage' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await database.db.select().from(diabetesDecisions).where(eq(diabetesDecisions.idempotencyKey, base.idempotencyKey))).toEqual([]);
  });

  it('counts agreement with the first option on the model page', async () => {
    const caller = await endocrinologist();
    await caller.diabetes.decide({ nationalId: HENRI, idempotencyKey: randomUUID(), action: 'accepted', chosenClass: 'sglt2i' });
    const report = await caller.diabetes.modelReport();
    expect(report.agreement).toMatchObject({ decisions: 2, agreed: 1, share: 0.5, paperShare: 0.15 });
    expect(report.metrics?.subgroups.egfrBand?.length).toBeGreaterThan(0);
    expect(report.card).toContain('Model card');
  });
});

describe('a provider that is down', () => {
  it('is named with the data it holds; options that depend on it are withheld, the rest still renders', async () => {
    await ds.kill('moselle-clinic');
    try {
      const caller = await endocrinologist();
      const rec = await caller.diabetes.recommendation({ nationalId: MARIE });
      expect(rec.providers.find((p) => p.providerId === 'moselle-clinic')?.status).not.toBe('ok');
      expect(rec.missingData).toEqual([expect.objectContaining({ providerId: 'moselle-clinic', message: expect.stringContaining('not included') })]);
      if (rec.options.length > 0) {
        expect(rec.options.find((o) => o.drugClass === 'tzd')).toMatchObject({ rank: null, group: 'withheld', reason: expect.stringContaining('heart failure') });
        expect(rec.options.filter((o) => o.rank !== null).map((o) => o.drugClass)).not.toContain('glp1ra');
      } else {
        expect(rec.refusals.length).toBeGreaterThan(0);
      }
    } finally {
      await ds.restart('moselle-clinic');
    }
  });
});
