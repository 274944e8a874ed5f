import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { openTestDatabase } from '@/db/test-databases';
import type { OpenDatabase } from '@/db/client';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { auditEvents } from '@/db/app/schema/audit-events';
import { AppError } from '@/server/api/app-error';
import { createCaller } from '@/server/api/root';
import { contextFor } from '@/server/api/testing/test-context';
import type { TSignedInContext } from '@/server/api/trpc';
import { verifyAuditChain } from '@/server/audit/verify-audit-chain';
import { DEMO_PATIENTS } from '@/server/synthetic/demo-people';
import { activeBreakGlass, BREAK_GLASS_MINUTES, endBreakGlass, startBreakGlass } from './break-glass';
import { patientsInCareOf } from './care-relationship';
import { assertPatientAccess } from './patient-access';

describe('break-glass (emergency access)', () => {
  let database: OpenDatabase;
  let ctx: TSignedInContext;
  let outsider: string;
  let inCare: string;
  beforeAll(async () => {
    database = await openTestDatabase('pglite', path.resolve('db/app/migrations'));
    await seedDemoUsers(database.db);
    const context = await contextFor(database.db, 'endocrinologist');
    if (!context.user) throw new Error('no user');
    ctx = { ...context, user: context.user };
    const mine = await patientsInCareOf(database.db, ctx.user.id);
    inCare = mine[0] ?? '';
    outsider = DEMO_PATIENTS.map((p) => p.nationalId).find((id) => !mine.includes(id)) ?? '';
  });
  afterAll(() => database.close());

  const audited = (typeCode: string) =>
    database.db.select().from(auditEvents).where(and(eq(auditEvents.typeCode, typeCode), eq(auditEvents.patientNationalId, outsider)));

  it('refuses a patient outside the care relationship until emergency access starts, then reads with ETREAT', async () => {
    await expect(assertPatientAccess(ctx, outsider, 'TREAT')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const grant = await startBreakGlass(ctx, outsider, 'Unconscious in the emergency department, hypoglycaemia suspected');
    expect(grant.expiresAt.getTime() - grant.startedAt.getTime()).toBe(BREAK_GLASS_MINUTES * 60_000);
    const access = await assertPatientAccess(ctx, outsider, 'TREAT');
    expect(access).toMatchObject({ basis: 'break-glass', purpose: 'ETREAT', breakGlass: { reason: 'Unconscious in the emergency department, hypoglycaemia suspected' } });
    const started = await audited('110127');
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ purposeOfUse: 'ETREAT', outcomeDescription: 'Unconscious in the emergency department, hypoglycaemia suspected', agentUserId: ctx.user.id });
  });

  it('starting again while in force returns the same grant, not a second one', async () => {
    const again = await startBreakGlass(ctx, outsider, 'Asked again by a colleague in the same emergency');
    expect(again.reason).toBe('Unconscious in the emergency department, hypoglycaemia suspected');
    expect(await audited('110127')).toHaveLength(1);
  });

  it('lapses after its time', async () => {
    const later = new Date(Date.now() + (BREAK_GLASS_MINUTES + 1) * 60_000);
    expect(await activeBreakGlass(database.db, ctx.user.id, outsider, later)).toBeNull();
    expect(await activeBreakGlass(database.db, ctx.user.id, outsider)).not.toBeNull();
  });

  it('ends on request, audited as 110128, and access is refused again', async () => {
    expect(await endBreakGlass(ctx, outsider)).toEqual({ ended: true });
    expect(await audited('110128')).toHaveLength(1);
    await expect(assertPatientAccess(ctx, outsider, 'TREAT')).rejects.toBeInstanceOf(AppError);
    expect(await endBreakGlass(ctx, outsider)).toEqual({ ended: false });
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('is not needed, and refused, for a patient already in care', async () => {
    await expect(startBreakGlass(ctx, inCare, 'Testing a patient who is already in my care')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('needs a reason a reviewer can judge', async () => {
    const caller = createCaller(ctx);
    await expect(caller.patients.startBreakGlass({ nationalId: outsider, reason: 'urgent' })).rejects.toBeInstanceOf(TRPCError);
    await expect(caller.patients.startBreakGlass({ nationalId: outsider, reason: 'urgent' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
