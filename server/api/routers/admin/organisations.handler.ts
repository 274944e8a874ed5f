import type { TSignedInContext } from '@/server/api/trpc';
import { registeredOrganisations } from '@/server/access/organisations';

/** The registry's participants a user can belong to, for the admin's organisation picker. */
export function organisationsHandler({ ctx }: { ctx: TSignedInContext }) {
  return registeredOrganisations(ctx.db);
}
