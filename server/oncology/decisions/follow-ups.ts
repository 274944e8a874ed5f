import { asc, eq } from 'drizzle-orm';
import type { TSignedInContext } from '@/server/api/trpc';
import { AppError } from '@/server/api/app-error';
import type { tumourBoardCases} from '@/db/app/schema/tumour-boards';
import { tumourBoardFollowUps } from '@/db/app/schema/tumour-boards';
import { AUDIT_ACTIONS, AUDIT_SUBTYPES } from '@/server/audit/audit-codes';
import { recordUserAction } from '@/server/audit/record-user-action';
import type { FOLLOW_UP_MONTHS, RESPONSES } from './decision-content';


export interface TFollowUpInput {
  months: (typeof FOLLOW_UP_MONTHS)[number];
  therapyGiven: boolean;
  response: (typeof RESPONSES)[number];
  adverseEvents: string;
}

/** Records one follow-up point of a discussed case; each point is recorded once. */
export async function recordFollowUp(ctx: TSignedInContext, caseRow: typeof tumourBoardCases.$inferSelect, input: TFollowUpInput) {
  if (caseRow.state !== 'discussed' && caseRow.state !== 'follow-up') throw new AppError('PRECONDITION_FAILED', 'Follow-up starts once the board has discussed the case.');
  const [row] = await ctx.db.insert(tumourBoardFollowUps).values({ caseId: caseRow.id, ...input, recordedBy: ctx.user.id }).onConflictDoNothing().returning();
  if (!row) throw new AppError('CONFLICT', `The ${input.months}-month follow-up is already recorded.`);
  await recordUserAction(ctx, { subtype: AUDIT_SUBTYPES.decision, action: AUDIT_ACTIONS.create, patientNationalId: caseRow.patientNationalId, entity: { type: 'TumourBoardFollowUp', id: row.id, caseId: caseRow.id, months: input.months, response: input.response } });
  return row;
}

export function followUpsOf(ctx: TSignedInContext, caseId: string) {
  return ctx.db.select().from(tumourBoardFollowUps).where(eq(tumourBoardFollowUps.caseId, caseId)).orderBy(asc(tumourBoardFollowUps.months));
}
