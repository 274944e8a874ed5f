import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { OpenDatabase } from '@/db/client';
import { openTestDatabase } from '@/db/test-databases';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { breakGlassGrants } from '@/db/app/schema/break-glass-grants';
import { auditEvents } from '@/db/app/schema/audit-events';
import { users } from '@/db/app/schema/users';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import { createCaller } from '@/server/api/root';
import { contextFor } from '@/server/api/testing/test-context';
import { patientsInCareOf } from '@/server/access/care-relationship';
import { DEMO_PATIENTS } from '@/server/synthetic/demo-people';
import { startDataspace, type Dataspace } from '@/server/dataspace/testing/start-dataspace';

// Well-formed (13 digits, a real birth date) but held by no provider of the dataspace.
const NOBODY = '1999010100099';
const REASON = 'Admitted unconscious to the emergency department; suspected severe hypoglycaemia';

let ds: Dataspace;
let database: OpenDatabase;

beforeAll(async () => {
  [ds, database] = await Promise.all([startDataspace({ seedPatients: 20, storage: 'memory' }), openTestDatabase('pglite', path.resolve('db/app/migrations'))]);
  // The procedures use the app's own consumer, configured from the environment as in production.
  process.env.AUTHORITY_URL = ds.authorityUrl;
  process.env.DATASPACE_OPERATOR_TOKEN = ds.operatorToken;
  await seedDemoUsers(database.db);
}, 400_000);

afterAll(async () => {
  await ds?.stop();
  await database?.close();
});

describe('a national id unknown to the record locator', () => {
  it('is told apart from a patient outside the care relationship', async () => {
    const ctx = await contextFor(database.db, 'endocrinologist');
    const caller = createCaller(ctx);
    const mine = await patientsInCareOf(database.db, ctx.user?.id ?? '');
    const outsider = DEMO_PATIENTS.map((p) => p.nationalId).find((id) => !mine.includes(id)) ?? '';
    expect(await caller.patients.locate({ nationalId: NOBODY })).toEqual({ known: false });
    expect(await caller.patients.locate({ nationalId: outsider })).toEqual({ known: true });
    await expect(caller.patients.locate({ nationalId: '1999133100099' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('gets no emergency access: the mutation refuses it with 404 and writes no grant and no override event', async () => {
    const ctx = await contextFor(database.db, 'endocrinologist');
    const caller = createCaller(ctx);
    await expect(caller.patients.startBreakGlass({ nationalId: NOBODY, reason: REASON })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'There is no record of this patient in the dataspace.' });
    expect(await database.db.select().from(breakGlassGrants).where(eq(breakGlassGrants.patientNationalId, NOBODY))).toEqual([]);
    expect(await database.db.select().from(auditEvents).where(and(eq(auditEvents.patientNationalId, NOBODY), eq(auditEvents.typeCode, '110127')))).toEqual([]);
  });

  it('while a patient the dataspace holds still can be opened under emergency access', async () => {
    const ctx = await contextFor(database.db, 'endocrinologist');
    const mine = await patientsInCareOf(database.db, ctx.user?.id ?? '');
    const outsider = DEMO_PATIENTS.map((p) => p.nationalId).find((id) => !mine.includes(id)) ?? '';
    const grant = await createCaller(ctx).patients.startBreakGlass({ nationalId: outsider, reason: REASON });
    expect(grant.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });
});

describe('the organisation of a new user', () => {
  const newUser = (email: string, organisation: string) => ({ email, name: 'Dr Lena Kayser', role: 'endocrinologist' as const, organisation, nationalId: null, password: 'a-long-enough-password' });

  it('is picked from the registry: active participants, not the app itself', async () => {
    await dataspaceConsumer(database.db).identity.current(); // the app is enrolled, so it is in the registry too
    const admin = createCaller(await contextFor(database.db, 'admin'));
    const { available, organisations } = await admin.admin.organisations();
    expect(available).toBe(true);
    const ids = organisations.map((o) => o.id).sort();
    expect(ids).toEqual(['alzette-hospital', 'ehealth-agency', 'moselle-clinic', 'research-institute']);
  });

  it('is refused (400) when it is not a registered participant, and nothing is written', async () => {
    const admin = createCaller(await contextFor(database.db, 'admin'));
    await expect(admin.admin.createUser(newUser('lena.kayser@example.lu', 'Kayser Private Practice'))).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'The organisation is not a registered participant of the dataspace.' });
    await expect(admin.admin.createUser(newUser('lena.kayser@example.lu', 'd4h-clinic'))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await database.db.select().from(users).where(eq(users.email, 'lena.kayser@example.lu'))).toEqual([]);
    await admin.admin.createUser(newUser('lena.kayser@example.lu', 'moselle-clinic'));
    expect(await database.db.select({ organisation: users.organisation }).from(users).where(eq(users.email, 'lena.kayser@example.lu'))).toEqual([{ organisation: 'moselle-clinic' }]);
  });
});
