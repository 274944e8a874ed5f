import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@/db/client';
import { PARTICIPANT_MIGRATIONS } from '@/db/participant/migrations-folder';
import { openTestDatabase, testDatabaseKinds } from '@/db/test-databases';
import { validateFhirR4 } from '@/server/fhir/testing/fhir-schema';
import { provisionsOf, type ConsentProvisionSpec } from './consent-resource';
import { ConsentRegistry, seedConsentVersions } from './consent-registry';

const rule = (id: string, purpose: string, decision: 'permit' | 'deny' = 'deny'): ConsentProvisionSpec => ({ id, decision, purpose, organisation: null, professional: null, dataCategory: null, validFrom: null, validUntil: null });
const write = (registry: ConsentRegistry, patient: string, baseVersion: number | null, rules: ConsentProvisionSpec[], idempotencyKey: string | null = null) =>
  registry.write({ patient, baseVersion, rules, source: 'patient', by: 'd4h-clinic:patient:' + patient, idempotencyKey });

describe.each(testDatabaseKinds())('the versioned consent registry (%s)', (kind) => {
  let database: OpenDatabase;
  let registry: ConsentRegistry;
  beforeAll(async () => {
    database = await openTestDatabase(kind, PARTICIPANT_MIGRATIONS);
    registry = new ConsentRegistry(database.db, 'ehealth-agency');
  }, 120_000);
  afterAll(async () => database?.close());

  it('writes every change as a new version of one Consent and keeps the history', async () => {
    const p = '1970010100018';
    const first = await write(registry, p, 0, [rule('a', 'HRESCH')]);
    const second = await write(registry, p, 1, [rule('a', 'HRESCH'), rule('b', 'MLTRAIN', 'permit')]);
    expect(first.outcome).toBe('created');
    expect(second.outcome).toBe('created');
    const history = await registry.history(p);
    expect(history.map((h) => h.version)).toEqual([2, 1]);
    expect(new Set(history.map((h) => h.consentId)).size).toBe(1);
    expect(provisionsOf(history[1]!.resource)).toEqual([rule('a', 'HRESCH')]);
    for (const h of history) expect(validateFhirR4(h.resource)).toEqual([]);
  });

  it('a repeated request (same idempotency key, even at once) makes one version', async () => {
    const p = '1970010100026';
    const results = await Promise.all([1, 2, 3].map(() => write(registry, p, 0, [rule('a', 'HRESCH')], 'click-1234567')));
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'repeated')).toHaveLength(2);
    expect((await registry.history(p)).length).toBe(1);
  });

  it('two devices writing on the same version: one wins, the other is told of the conflict, nothing is lost silently', async () => {
    const p = '1970010100034';
    const [a, b] = await Promise.all([write(registry, p, 0, [rule('a', 'HRESCH')], 'device-a-0001'), write(registry, p, 0, [rule('b', 'PUBHLTH')], 'device-b-0001')]);
    expect([a.outcome, b.outcome].sort()).toEqual(['conflict', 'created']);
    const stale = await write(registry, p, 0, [rule('c', 'MLTRAIN')], 'device-c-0001');
    expect(stale).toMatchObject({ outcome: 'conflict', current: { version: 1 } });
    expect((await registry.history(p)).length).toBe(1);
  });

  it('writes nothing when signing the receipt fails (the version and its receipt are one write)', async () => {
    const p = '1970010100042';
    await expect(registry.write({ patient: p, baseVersion: 0, rules: [rule('a', 'HRESCH')], source: 'patient', by: 'x', idempotencyKey: 'sign-fails-1', sign: () => Promise.reject(new Error('key unavailable')) })).rejects.toThrow('key unavailable');
    expect(await registry.history(p)).toEqual([]);
  });

  it('seeds version 1 in bulk and keeps a consent someone already has', async () => {
    const p = '1970010100059';
    await write(registry, p, 0, [rule('own', 'HRESCH')]);
    await seedConsentVersions(database.db, 'ehealth-agency', [{ patient: p, rules: [rule('seed', 'MLTRAIN', 'permit')] }, { patient: '1970010100067', rules: [rule('seed', 'MLTRAIN', 'permit')] }], 'synthetic-seed');
    const current = await registry.currentOf([p, '1970010100067', '1970010100075']);
    expect(provisionsOf(current.get(p)!.resource).map((r) => r.id)).toEqual(['own']);
    expect(current.get('1970010100067')?.version).toBe(1);
    expect(current.has('1970010100075')).toBe(false);
  });
});
