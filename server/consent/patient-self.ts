import type { TSignedInContext } from '@/server/api/trpc';
import { AppError } from '@/server/api/app-error';

/**
 * The signed-in patient as the one person whose data they may see: the national id comes from the
 * session, never from the request, so no input can point a patient at someone else's log or record.
 */
export function patientSelf(ctx: TSignedInContext): { nationalId: string; userId: string } {
  if (!ctx.user.nationalId) throw new AppError('PRECONDITION_FAILED', 'This account is not linked to a national health identifier.');
  return { nationalId: ctx.user.nationalId, userId: ctx.user.id };
}
