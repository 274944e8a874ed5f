import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { openTestDatabase, testDatabaseKinds } from '@/db/test-databases';
import type { OpenDatabase } from '@/db/client';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { users } from '@/db/app/schema/users';
import { careRelationships } from '@/db/app/schema/care-relationships';
import { auditEvents } from '@/db/app/schema/audit-events';
import { oidcIdentities } from '@/db/app/schema/oidc-identities';
import { DEMO_PASSWORD } from '@/db/app/demo-users';
import { authenticate } from '../authenticate';
import { admitOidcUser } from './oidc-sign-in';
import { sessionUserOfSubject } from './oidc-session';
import type { TClaimsMapping, TOidcIdentity } from './oidc-claims';

const ISSUER = 'http://127.0.0.1:8080/realms/alzette';
const identity = (over: Partial<TOidcIdentity>): TClaimsMapping => ({
  ok: true,
  identity: { issuer: ISSUER, subject: 'sub-1', email: 'x@alzette.example', name: 'X', role: 'oncologist', organisation: 'alzette-hospital', nationalId: null, ...over },
});

describe.each(testDatabaseKinds())('signing in through a hospital IdP on %s', (kind) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind, path.resolve('db/app/migrations'));
    await seedDemoUsers(database.db);
  });
  afterAll(() => database.close());

  it('creates an unknown user with the claims’ role and organisation, no password and no care relationships', async () => {
    const result = await admitOidcUser(database.db, ISSUER, identity({ subject: 'new-1', email: 'ines.muller@alzette.example', name: 'Inès Muller' }), '10.0.0.1');
    expect(result).toMatchObject({ ok: true, created: true, user: { role: 'oncologist', organisation: 'alzette-hospital', name: 'Inès Muller' } });
    if (!result.ok) return;
    const [row] = await database.db.select().from(users).where(eq(users.id, result.user.id));
    expect(row?.passwordHash).toBeNull();
    expect(await database.db.select().from(careRelationships).where(eq(careRelationships.clinicianId, result.user.id))).toEqual([]);
    // No password: the credentials sign-in cannot open this account.
    expect(await authenticate(database.db, { email: 'ines.muller@alzette.example', password: DEMO_PASSWORD }, '10.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.subtype, 'login'), eq(auditEvents.agentUserId, result.user.id)));
    expect(event?.outcomeDescription).toBe(`signed in through ${ISSUER} (account created)`);
  });

  it('links an existing account by verified email, keeps its care relationships, then finds it by subject even after an email change', async () => {
    const [seeded] = await database.db.select().from(users).where(eq(users.email, 'sophie.reuter@alzette.example'));
    const careBefore = (await database.db.select().from(careRelationships).where(eq(careRelationships.clinicianId, seeded!.id))).length;
    expect(careBefore).toBeGreaterThan(0);
    const first = await admitOidcUser(database.db, ISSUER, identity({ subject: 'sophie', email: 'sophie.reuter@alzette.example', role: 'endocrinologist' }), '10.0.0.1');
    expect(first).toMatchObject({ ok: true, created: false, user: { id: seeded!.id } });
    if (!first.ok) return;
    expect((await database.db.select().from(careRelationships).where(eq(careRelationships.clinicianId, first.user.id))).length).toBe(careBefore);
    const renamed = await admitOidcUser(database.db, ISSUER, identity({ subject: 'sophie', email: 'sophie.reuter-new@alzette.example', role: 'oncologist' }), '10.0.0.1');
    expect(renamed).toMatchObject({ ok: true, created: false, user: { id: first.user.id, email: 'sophie.reuter-new@alzette.example', role: 'oncologist' } });
    expect(await sessionUserOfSubject(database.db, ISSUER, 'sophie')).toMatchObject({ user: { id: first.user.id, role: 'oncologist' } });
    expect(await sessionUserOfSubject(database.db, 'http://other.example', 'sophie')).toBeNull();
  });

  it('refuses a disabled account and leaves it as it was, audited', async () => {
    await database.db.update(users).set({ disabled: true }).where(eq(users.email, 'marc.thill@moselle.example'));
    const result = await admitOidcUser(database.db, ISSUER, identity({ subject: 'marc', email: 'marc.thill@moselle.example', role: 'admin' }), '10.0.0.9');
    expect(result).toEqual({ ok: false, reason: 'account disabled' });
    const [row] = await database.db.select().from(users).where(eq(users.email, 'marc.thill@moselle.example'));
    expect(row?.role).toBe('endocrinologist');
    expect(await database.db.select().from(oidcIdentities).where(eq(oidcIdentities.subject, 'marc'))).toEqual([]);
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.subtype, 'login-failed'), eq(auditEvents.clientAddress, '10.0.0.9')));
    expect(event?.outcomeDescription).toBe(`${ISSUER} signed the user in; the app refused: account disabled`);
  });

  it('refuses (and audits) a claims mapping that failed, writing no user', async () => {
    const before = await database.db.select({ id: users.id }).from(users);
    expect(await admitOidcUser(database.db, ISSUER, { ok: false, reason: 'no app role', detail: 'nursing' }, '10.0.0.7')).toEqual({ ok: false, reason: 'no app role: nursing' });
    expect((await database.db.select({ id: users.id }).from(users)).length).toBe(before.length);
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.subtype, 'login-failed'), eq(auditEvents.clientAddress, '10.0.0.7')));
    expect(event?.outcome).toBe('4');
  });

  it('refuses to take over the email of another account through a second identity', async () => {
    const result = await admitOidcUser(database.db, ISSUER, identity({ subject: 'new-1', email: 'elena.rossi@alzette.example' }), '10.0.0.1');
    expect(result).toEqual({ ok: false, reason: 'the email or national id belongs to another account' });
    const [elena] = await database.db.select().from(users).where(eq(users.email, 'elena.rossi@alzette.example'));
    expect(elena?.role).toBe('oncologist');
  });
});
