import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '@/db/test-databases';
import type { OpenDatabase } from '@/db/client';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { auditEvents } from '@/db/app/schema/audit-events';
import { createCaller } from '@/server/api/root';
import { contextForEmail } from '@/server/api/testing/test-context';
import { verifyAuditChain } from '@/server/audit/verify-audit-chain';
import { BREAK_GLASS_MINUTES, startBreakGlass } from './break-glass';
import { breakGlassQueue } from './break-glass-review';

const LUC = '1955012600062';

describe('emergency-access review queue', () => {
  let database: OpenDatabase;
  let steward: ReturnType<typeof createCaller>;
  let grantId = '';
  beforeAll(async () => {
    database = await openTestDatabase('pglite', path.resolve('db/app/migrations'));
    await seedDemoUsers(database.db);
    steward = createCaller(await contextForEmail(database.db, 'nora.berg@ehealth.example'));
    grantId = (await startBreakGlass(await contextForEmail(database.db, 'marc.thill@moselle.example'), LUC, 'Unconscious after a fall, history unknown')).id;
  });
  afterAll(() => database.close());

  it('lists each break-glass as pending with the clinician, the patient, the reason and its window', async () => {
    const pending = await steward.audit.breakGlassQueue({});
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ id: grantId, patientNationalId: LUC, reason: 'Unconscious after a fall, history unknown', state: 'active', clinician: { name: 'Dr Marc Thill', organisation: 'moselle-clinic' }, review: null });
    expect(await steward.audit.breakGlassQueue({ view: 'reviewed' })).toEqual([]);
  });

  it('shows it as expired once its time has passed', async () => {
    const later = new Date(Date.now() + (BREAK_GLASS_MINUTES + 1) * 60_000);
    expect((await breakGlassQueue(database.db, 'all', 10, later))[0]?.state).toBe('expired');
  });

  it('refuses a comment too short, an unknown grant, and a clinician', async () => {
    await expect(steward.audit.reviewBreakGlass({ grantId, verdict: 'flagged', comment: 'ok' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(steward.audit.reviewBreakGlass({ grantId: randomUUID(), verdict: 'flagged', comment: 'No such grant exists' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const clinician = createCaller(await contextForEmail(database.db, 'sophie.reuter@alzette.example'));
    await expect(clinician.audit.reviewBreakGlass({ grantId, verdict: 'justified', comment: 'I justify my colleague' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await steward.audit.breakGlassQueue({}))[0]?.review).toBeNull();
  });

  it('records a verdict with its comment, audited under the patient (so it is in their log), once', async () => {
    const review = await steward.audit.reviewBreakGlass({ grantId, verdict: 'flagged', comment: 'No emergency recorded in the ED log at that time' });
    expect(review.verdict).toBe('flagged');
    expect(await steward.audit.breakGlassQueue({})).toEqual([]);
    const reviewed = await steward.audit.breakGlassQueue({ view: 'reviewed' });
    expect(reviewed[0]?.review).toMatchObject({ verdict: 'flagged', comment: 'No emergency recorded in the ED log at that time', reviewer: 'Nora Berg' });
    const audited = await database.db.select().from(auditEvents).where(and(eq(auditEvents.subtype, 'break-glass-reviewed'), eq(auditEvents.patientNationalId, LUC)));
    expect(audited).toHaveLength(1);
    await expect(steward.audit.reviewBreakGlass({ grantId, verdict: 'justified', comment: 'Changed my mind about it' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await steward.audit.breakGlassQueue({ view: 'reviewed' }))[0]?.review?.verdict).toBe('flagged');
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});
