import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { openTestDatabase, testDatabaseKinds } from '@/db/test-databases';
import type { OpenDatabase } from '@/db/client';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { users } from '@/db/app/schema/users';
import { careRelationships } from '@/db/app/schema/care-relationships';
import { auditEvents } from '@/db/app/schema/audit-events';
import { DEMO_PASSWORD, DEMO_USERS } from '@/server/synthetic/demo-people';
import { authenticate } from './authenticate';
import { checkSession, revokeSession, SESSION_LIMITS } from './session-policy';
import { checkSessionCached, forgetSessionChecks, SESSION_CHECK_TTL_MS } from './session-check-cache';
import { SIGN_IN_LIMITS } from './sign-in-rate-limit';

describe.each(testDatabaseKinds())('sign-in and sessions on %s', (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind, path.resolve('db/app/migrations'));
    await seedDemoUsers(database.db);
  });
  afterAll(() => database.close());

  it('seeding twice creates nothing twice', async () => {
    await seedDemoUsers(database.db);
    const [u] = await database.db.select({ n: count() }).from(users);
    const [c] = await database.db.select({ n: count() }).from(careRelationships);
    expect(u?.n).toBe(DEMO_USERS.length);
    expect(c?.n).toBe(DEMO_USERS.reduce((n, d) => n + d.caresFor.length, 0));
  });

  it('signs in with the right password, audited', async () => {
    const result = await authenticate(database.db, { email: 'Sophie.Reuter@alzette.example ', password: DEMO_PASSWORD }, '10.0.0.1');
    expect(result).toMatchObject({ ok: true, user: { role: 'endocrinologist', organisation: 'alzette-hospital' } });
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.subtype, 'login'));
    expect(events.length).toBe(1);
  });

  it('answers the same for an unknown account and a wrong password', async () => {
    const unknown = await authenticate(database.db, { email: 'nobody@example.lu', password: 'x' }, '10.0.0.2');
    const wrong = await authenticate(database.db, { email: 'marc.thill@moselle.example', password: 'wrong' }, '10.0.0.2');
    const malformed = await authenticate(database.db, { email: 42 }, '10.0.0.2');
    expect(unknown).toEqual({ ok: false, reason: 'invalid' });
    expect(wrong).toEqual({ ok: false, reason: 'invalid' });
    expect(malformed).toEqual({ ok: false, reason: 'invalid' });
  });

  it(`locks an account after ${SIGN_IN_LIMITS.perAccount} failures, even with the right password`, async () => {
    const email = 'elena.rossi@alzette.example';
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      expect(await authenticate(database.db, { email, password: 'wrong' }, `10.1.0.${i}`)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await authenticate(database.db, { email, password: DEMO_PASSWORD }, '10.1.1.1')).toEqual({ ok: false, reason: 'locked' });
    // Another account is not affected.
    expect((await authenticate(database.db, { email: 'tom.kieffer@moselle.example', password: DEMO_PASSWORD }, '10.1.1.1')).ok).toBe(true);
  });

  it(`locks an address after ${SIGN_IN_LIMITS.perAddress} failures across accounts`, async () => {
    const address = '10.9.9.9';
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress; i++) await authenticate(database.db, { email: `guess${i}@example.lu`, password: 'x' }, address);
    expect(await authenticate(database.db, { email: 'nora.berg@ehealth.example', password: DEMO_PASSWORD }, address)).toEqual({ ok: false, reason: 'locked' });
    expect((await authenticate(database.db, { email: 'nora.berg@ehealth.example', password: DEMO_PASSWORD }, '10.9.9.10')).ok).toBe(true);
  });

  it('a disabled account cannot sign in, and its sessions end', async () => {
    const result = await authenticate(database.db, { email: 'paul.hoffmann@example.lu', password: DEMO_PASSWORD }, '10.2.0.1');
    if (!result.ok) throw new Error('expected sign-in');
    const claims = { uid: result.user.id, sv: result.sessionVersion, sid: randomUUID(), authTime: Math.floor(Date.now() / 1000) };
    expect(await checkSession(database.db, claims)).toEqual({ valid: true });
    await database.db.update(users).set({ disabled: true, sessionVersion: result.sessionVersion + 1 }).where(eq(users.id, result.user.id));
    expect(await checkSession(database.db, claims)).toEqual({ valid: false, reason: 'disabled' });
    expect(await authenticate(database.db, { email: 'paul.hoffmann@example.lu', password: DEMO_PASSWORD }, '10.2.0.1')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('a bumped session version ends older sessions; the absolute limit ends any session', async () => {
    const result = await authenticate(database.db, { email: 'luc.klein@example.lu', password: DEMO_PASSWORD }, '10.3.0.1');
    if (!result.ok) throw new Error('expected sign-in');
    const now = Math.floor(Date.now() / 1000);
    const claims = { uid: result.user.id, sv: result.sessionVersion, sid: randomUUID(), authTime: now };
    await database.db.update(users).set({ sessionVersion: result.sessionVersion + 1 }).where(eq(users.id, result.user.id));
    expect(await checkSession(database.db, claims)).toEqual({ valid: false, reason: 'revoked' });
    const fresh = { ...claims, sv: result.sessionVersion + 1 };
    expect(await checkSession(database.db, fresh, now + SESSION_LIMITS.absoluteSeconds - 1)).toEqual({ valid: true });
    expect(await checkSession(database.db, fresh, now + SESSION_LIMITS.absoluteSeconds + 1)).toEqual({ valid: false, reason: 'expired' });
  });

  it('a plain sign-out ends that session only: its id is refused, another sign-in of the same user stands', async () => {
    const result = await authenticate(database.db, { email: 'marie.schmit@example.lu', password: DEMO_PASSWORD }, '10.4.0.1');
    if (!result.ok) throw new Error('expected sign-in');
    const laptop = { uid: result.user.id, sv: result.sessionVersion, sid: randomUUID(), authTime: Math.floor(Date.now() / 1000) };
    const phone = { ...laptop, sid: randomUUID() };
    await revokeSession(database.db, laptop);
    await revokeSession(database.db, laptop);
    expect(await checkSession(database.db, laptop)).toEqual({ valid: false, reason: 'signed-out' });
    expect(await checkSession(database.db, phone)).toEqual({ valid: true });
  });

  it('the session-check cache keeps a yes for its TTL at most, and forgets it at once when told', async () => {
    const result = await authenticate(database.db, { email: 'tom.kieffer@moselle.example', password: DEMO_PASSWORD }, '10.5.0.1');
    if (!result.ok) throw new Error('expected sign-in');
    const claims = { uid: result.user.id, sv: result.sessionVersion, sid: randomUUID(), authTime: Math.floor(Date.now() / 1000) };
    const t0 = Date.now();
    expect(await checkSessionCached(database.db, claims, t0)).toEqual({ valid: true });
    await revokeSession(database.db, claims);
    // Another replica signed the session out: this one may say yes until its entry runs out, no longer.
    expect(await checkSessionCached(database.db, claims, t0 + SESSION_CHECK_TTL_MS - 1)).toEqual({ valid: true });
    expect(await checkSessionCached(database.db, claims, t0 + SESSION_CHECK_TTL_MS)).toEqual({ valid: false, reason: 'signed-out' });
    // The replica that did the change forgets at once.
    const other = { ...claims, sid: randomUUID() };
    expect(await checkSessionCached(database.db, other, t0)).toEqual({ valid: true });
    await database.db.update(users).set({ sessionVersion: result.sessionVersion + 1 }).where(eq(users.id, result.user.id));
    forgetSessionChecks(database.db, result.user.id);
    expect(await checkSessionCached(database.db, other, t0 + 1)).toEqual({ valid: false, reason: 'revoked' });
  });
});
