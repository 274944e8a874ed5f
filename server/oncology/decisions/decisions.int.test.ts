import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openTestDatabase } from '@/db/test-databases';
import type { OpenDatabase } from '@/db/client';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { auditEvents } from '@/db/app/schema/audit-events';
import { tumourBoardCases, tumourBoardDecisions } from '@/db/app/schema/tumour-boards';
import { users } from '@/db/app/schema/users';
import { createCaller } from '@/server/api/root';
import type { TRPCContext, TSignedInContext } from '@/server/api/trpc';
import { verifyAuditChain } from '@/server/audit/verify-audit-chain';
import { changeCaseState } from '@/server/oncology/boards/cases';
import type { TDecisionContent } from './decision-content';
import { decisionHash } from './decisions';

const LUC = '1955012600062'; // in the care of both demo oncologists (and an endocrinologist)
const PAUL = '1962042100048'; // in Dr Rossi's care only

async function contextOf(db: OpenDatabase['db'], email: string): Promise<TSignedInContext> {
  const [u] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!u) throw new Error(`no user ${email}`);
  const ctx: TRPCContext = { db, user: { id: u.id, name: u.name, email: u.email, role: u.role, organisation: u.organisation, nationalId: u.nationalId }, clientAddress: '127.0.0.1', requestId: 'test', origin: { sent: null, allowed: null } };
  return ctx as TSignedInContext;
}

const content = (overrides: Partial<TDecisionContent> = {}): TDecisionContent => ({
  recommendations: [{ text: 'Encorafenib with cetuximab (BEACON CRC)' }],
  rationale: 'BRAF V600E metastatic colorectal cancer progressing after first line.',
  evidenceLevel: 'oncokb-1',
  trialReferral: null,
  furtherDiagnostics: [],
  attendees: [],
  ...overrides,
});

const QUORUM_GI = [
  { name: 'Dr Elena Rossi', discipline: 'medicalOncology' as const },
  { name: 'Dr Jean Faber', discipline: 'surgery' as const },
  { name: 'Dr Ines Kremer', discipline: 'radiology' as const },
  { name: 'Dr Paul Lentz', discipline: 'pathology' as const },
];

describe('tumour-board decisions (real database, the router as the page calls it)', () => {
  let database: OpenDatabase;
  let rossi: TSignedInContext;
  let kieffer: TSignedInContext;
  let reuter: TSignedInContext;
  let sessionId: string;
  let caseId: string;

  beforeAll(async () => {
    database = await openTestDatabase('pglite', path.resolve('db/app/migrations'));
    await seedDemoUsers(database.db);
    rossi = await contextOf(database.db, 'elena.rossi@alzette.example');
    kieffer = await contextOf(database.db, 'tom.kieffer@moselle.example');
    reuter = await contextOf(database.db, 'sophie.reuter@alzette.example');
    ({ id: sessionId } = await createCaller(rossi).oncology.createSession({ board: 'gastrointestinal', scheduledAt: new Date(Date.now() + 3 * 86_400_000), members: QUORUM_GI }));
    ({ caseId } = await createCaller(rossi).oncology.nominate({ sessionId, nationalId: LUC, question: 'Second-line therapy for BRAF V600E mCRC?', standardOfCare: false }));
  });
  afterAll(() => database.close());

  it('nominates only patients the oncologist may see, once per session', async () => {
    await expect(createCaller(kieffer).oncology.nominate({ sessionId, nationalId: PAUL, question: 'A patient outside my care', standardOfCare: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(createCaller(kieffer).oncology.nominate({ sessionId, nationalId: LUC, question: 'The same patient a second time', standardOfCare: false })).rejects.toMatchObject({ code: 'CONFLICT' });
    await createCaller(rossi).oncology.nominate({ sessionId, nationalId: PAUL, question: 'Listed: osimertinib continues', standardOfCare: true });
    // Dr Kieffer does not care for Paul: the agenda shows that a case exists, not whose it is.
    const agenda = (await createCaller(kieffer).oncology.session({ sessionId })).cases;
    expect(agenda.map((c) => c.patientNationalId).sort()).toEqual([LUC, null].sort());
    expect(agenda.find((c) => c.patientNationalId === null)?.question).toBeNull();
  });

  it('two members editing one draft at once: one save lands, the other gets a conflict with both versions', async () => {
    const first = await createCaller(rossi).oncology.saveDecision({ caseId, expectedRevision: null, content: content() });
    expect(first).toMatchObject({ outcome: 'saved', decision: { version: 1, revision: 1, status: 'draft' } });
    const mine = content({ rationale: 'Rossi: add germline testing.', furtherDiagnostics: ['germline-testing'] });
    const theirs = content({ rationale: 'Kieffer: refer to a trial.', trialReferral: 'NCT04294160' });
    const results = await Promise.all([
      createCaller(rossi).oncology.saveDecision({ caseId, expectedRevision: 1, content: mine }),
      createCaller(kieffer).oncology.saveDecision({ caseId, expectedRevision: 1, content: theirs }),
    ]);
    const saved = results.filter((r) => r.outcome === 'saved');
    const conflicts = results.filter((r) => r.outcome === 'conflict');
    expect(saved).toHaveLength(1);
    expect(conflicts).toHaveLength(1);
    const conflict = conflicts[0];
    const winner = saved[0];
    if (conflict?.outcome !== 'conflict' || winner?.outcome !== 'saved') throw new Error('unreachable');
    // The loser sees their own edit and the one that landed; nothing was overwritten.
    expect(conflict.theirs.revision).toBe(2);
    expect(conflict.theirs.content).toEqual(winner.decision.content);
    expect([mine, theirs]).toContainEqual(conflict.yours);
    expect(conflict.yours).not.toEqual(conflict.theirs.content);
    const [stored] = await database.db.select().from(tumourBoardDecisions).where(eq(tumourBoardDecisions.caseId, caseId));
    expect(stored?.content).toEqual(winner.decision.content);
    // Saving again from the revision that landed works.
    await expect(createCaller(kieffer).oncology.saveDecision({ caseId, expectedRevision: 2, content: content({ attendees: QUORUM_GI.slice(0, 2) }) })).resolves.toMatchObject({ outcome: 'saved', decision: { revision: 3 } });
  });

  it('finalising needs a ready case, the chair, the revision read and a quorum', async () => {
    const finalise = (ctx: TSignedInContext, revision: number) => createCaller(ctx).oncology.finaliseDecision({ caseId, revision });
    await expect(finalise(rossi, 3)).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('ready') });
    const [caseRow] = await database.db.select().from(tumourBoardCases).where(eq(tumourBoardCases.id, caseId));
    if (!caseRow) throw new Error('no case');
    await expect(changeCaseState(rossi, caseRow, 'ready', { missing: ['imaging'], accepted: [] })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('imaging') });
    await changeCaseState(rossi, caseRow, 'ready', { missing: ['imaging'], accepted: ['imaging'] });
    await expect(finalise(kieffer, 3)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('chair') });
    await expect(finalise(rossi, 2)).rejects.toMatchObject({ code: 'CONFLICT' });
    // Two of four core disciplines and no radiation oncologist: no quorum, and the refusal names who is missing.
    await expect(finalise(rossi, 3)).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringMatching(/radiology.*pathology.*radiationOncology/) });
    await createCaller(rossi).oncology.saveDecision({ caseId, expectedRevision: 3, content: content({ attendees: [...QUORUM_GI, { name: 'Dr Anna Weis', discipline: 'radiationOncology' }] }) });
    const final = await finalise(rossi, 4);
    expect(final).toMatchObject({ version: 1, state: 'discussed' });
    const [row] = await database.db.select().from(tumourBoardDecisions).where(eq(tumourBoardDecisions.caseId, caseId));
    expect(row).toMatchObject({ status: 'final', signedBy: rossi.user.id });
    expect(final.contentHash).toBe(decisionHash(caseId, 1, row!.content));
  });

  it('a final decision is locked; an amendment is a new version with its reason', async () => {
    await expect(createCaller(rossi).oncology.saveDecision({ caseId, expectedRevision: 4, content: content({ rationale: 'changed afterwards' }) })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await expect(createCaller(rossi).oncology.amendDecision({ caseId, reason: 'short' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(createCaller(kieffer).oncology.amendDecision({ caseId, reason: 'New CEA rise; add a trial referral.' })).resolves.toEqual({ version: 2 });
    const v2 = await createCaller(kieffer).oncology.saveDecision({ caseId, expectedRevision: 1, content: content({ trialReferral: 'NCT04294160', attendees: [...QUORUM_GI, { name: 'Dr Anna Weis', discipline: 'radiationOncology' }] }) });
    expect(v2).toMatchObject({ outcome: 'saved', decision: { version: 2, amendmentReason: 'New CEA rise; add a trial referral.' } });
    await createCaller(rossi).oncology.finaliseDecision({ caseId, revision: 2 });
    const rows = await database.db.select().from(tumourBoardDecisions).where(eq(tumourBoardDecisions.caseId, caseId));
    expect(rows.map((r) => [r.version, r.status]).sort()).toEqual([[1, 'final'], [2, 'final']]);
    expect(rows.find((r) => r.version === 1)?.content.trialReferral).toBeNull();
    const protocol = await createCaller(rossi).oncology.protocol({ sessionId });
    expect(protocol.cases.find((c) => c.id === caseId)?.decision).toMatchObject({ version: 2, status: 'final', content: { trialReferral: 'NCT04294160' } });
    const plan = await createCaller(rossi).oncology.decisionFhir({ caseId });
    expect(plan).toMatchObject({ resourceType: 'CarePlan', status: 'active', intent: 'plan' });
  });

  it('follow-up at 3, 6 and 12 months, each once, moves the case to follow-up', async () => {
    const record = (months: 3 | 6 | 12) => createCaller(rossi).oncology.recordFollowUp({ caseId, months, therapyGiven: true, response: 'PR', adverseEvents: 'Grade 2 rash' });
    await expect(record(3)).resolves.toEqual({ state: 'follow-up' });
    await expect(record(3)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(record(6)).resolves.toEqual({ state: 'follow-up' });
  });

  it("shows on the patient's record for a clinician in care, never to one outside it, and everything is audited", async () => {
    const forRecord = await createCaller(reuter).oncology.patientDecisions({ nationalId: LUC });
    expect(forRecord).toHaveLength(1);
    expect(forRecord[0]).toMatchObject({ board: 'gastrointestinal', state: 'follow-up', decision: { version: 2, status: 'final', signedByName: 'Dr Elena Rossi' } });
    await expect(createCaller(kieffer).oncology.patientDecisions({ nationalId: PAUL })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.patientNationalId, LUC));
    const decisionEvents = events.filter((e) => (e.entity as { type?: string } | null)?.type === 'TumourBoardDecision');
    // v1 created, three saves, v1 finalised, amendment, v2 saved, v2 finalised.
    expect(decisionEvents.length).toBe(8);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });
});
