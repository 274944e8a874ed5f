import type { TSignedInContext } from '@/server/api/trpc';
import { AppError } from '@/server/api/app-error';
import { registeredOrganisations } from '@/server/access/organisations';

/** The registry's participants a user can belong to, for the admin's organisation picker. */
export async function organisationsHandler({ ctx }: { ctx: TSignedInContext }) {
  try {
    return { available: true, organisations: await registeredOrganisations(ctx.db) };
  } catch (error) {
    if (error instanceof AppError && error.code === 'SERVICE_UNAVAILABLE') return { available: false, organisations: [] };
    throw error;
  }
}
