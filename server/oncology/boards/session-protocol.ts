import type { TSignedInContext } from '@/server/api/trpc';
import { AUDIT_ACTIONS, AUDIT_SUBTYPES } from '@/server/audit/audit-codes';
import { recordUserAction } from '@/server/audit/record-user-action';
import { decisionVersions } from '@/server/oncology/decisions/decisions';
import { followUpsOf } from '@/server/oncology/decisions/follow-ups';
import { casesOfSession } from './cases';
import { sessionById } from './sessions';

/**
 * A session's protocol: the agenda, and for each case the caller may see, the decision in force (the
 * newest final version, else the draft) and the follow-ups. Reading it is audited per patient shown.
 */
export async function sessionProtocol(ctx: TSignedInContext, sessionId: string) {
  const { chairId: _chair, ...session } = await sessionById(ctx, sessionId);
  const agenda = await casesOfSession(ctx, sessionId);
  const cases = await Promise.all(
    agenda.map(async (c) => {
      if (c.patientNationalId === null) return { ...c, decision: null, followUps: [] };
      const versions = await decisionVersions(ctx, c.id);
      const chosen = versions.filter((v) => v.status === 'final').at(-1) ?? versions.at(-1) ?? null;
      const followUps = (await followUpsOf(ctx, c.id)).map(({ months, therapyGiven, response, adverseEvents }) => ({ months, therapyGiven, response, adverseEvents }));
      await recordUserAction(ctx, { subtype: AUDIT_SUBTYPES.read, action: AUDIT_ACTIONS.read, patientNationalId: c.patientNationalId, entity: { type: 'TumourBoardProtocol', sessionId, caseId: c.id } });
      return {
        ...c,
        decision: chosen ? { version: chosen.version, status: chosen.status, content: chosen.content, amendmentReason: chosen.amendmentReason, signedByName: chosen.signedByName, signedAt: chosen.signedAt, contentHash: chosen.contentHash } : null,
        followUps,
      };
    }),
  );
  return { ...session, cases };
}
