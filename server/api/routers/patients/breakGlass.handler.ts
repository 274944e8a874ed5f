import type { z } from 'zod';
import type { TSignedInContext } from '@/server/api/trpc';
import { endBreakGlass, startBreakGlass } from '@/server/access/break-glass';
import { assertKnownToRecordLocator } from '@/server/access/known-patient';
import { assertEmergencyAccessAllowed } from '@/server/access/emergency-consent';
import type { ZEndBreakGlassInputSchema, ZStartBreakGlassInputSchema } from './breakGlass.schema';

export async function startBreakGlassHandler({ ctx, input }: { ctx: TSignedInContext; input: z.infer<typeof ZStartBreakGlassInputSchema> }) {
  // Server-side, whatever the page offered: no emergency access to a national id nobody holds.
  await assertKnownToRecordLocator(ctx, input.nationalId);
  await assertEmergencyAccessAllowed(ctx, input.nationalId);
  const grant = await startBreakGlass(ctx, input.nationalId, input.reason);
  return { expiresAt: grant.expiresAt };
}

export function endBreakGlassHandler({ ctx, input }: { ctx: TSignedInContext; input: z.infer<typeof ZEndBreakGlassInputSchema> }) {
  return endBreakGlass(ctx, input.nationalId);
}
