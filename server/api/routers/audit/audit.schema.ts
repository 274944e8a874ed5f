import { z } from 'zod';

export const ZVerifyChainOutputSchema = z.object({
  ok: z.boolean(),
  rowsChecked: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), id: z.string(), reason: z.string() }).nullable(),
});

export const ZListEventsInputSchema = z.object({
  /** Return events older than this sequence number (paging backwards from the newest). */
  cursor: z.number().int().positive().nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const ZAuditEventRowSchema = z.object({
  seq: z.number().int(),
  recorded: z.string(),
  typeCode: z.string(),
  subtype: z.string(),
  action: z.string(),
  outcome: z.string(),
  outcomeDescription: z.string().nullable(),
  agentUserId: z.string().nullable(),
  agentRole: z.string().nullable(),
  agentOrganisation: z.string().nullable(),
  patientNationalId: z.string().nullable(),
  purposeOfUse: z.string().nullable(),
  clientAddress: z.string().nullable(),
  hash: z.string(),
});
export const ZListEventsOutputSchema = z.object({ events: z.array(ZAuditEventRowSchema), nextCursor: z.number().int().nullable() });
