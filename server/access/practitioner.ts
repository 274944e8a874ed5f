import type { TSignedInContext } from '@/server/api/trpc';
import type { Practitioner } from '@/server/dataspace/consumer/record-fan-out';
import type { TPatientAccess } from './patient-access';

/** Who reads, as the providers are told: the user, role, own organisation and purpose, and the emergency reason under break-glass. */
export function practitionerFor(ctx: TSignedInContext, access: Pick<TPatientAccess, 'purpose' | 'breakGlass'>): Practitioner {
  return {
    userId: ctx.user.email,
    role: ctx.user.role,
    ...(ctx.user.organisation ? { organisation: ctx.user.organisation } : {}),
    purpose: access.purpose,
    ...(access.breakGlass ? { breakGlassReason: access.breakGlass.reason } : {}),
  };
}
