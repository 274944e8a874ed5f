import { z } from 'zod';
import { createTRPCRouter, roleProcedure } from '@/server/api/trpc';
import { ROLES } from '@/server/auth/roles';
import { patientsInCareOf } from '@/server/access/care-relationship';

export const careRouter = createTRPCRouter({
  /** National ids of the patients in the caller's care today. */
  myPatients: roleProcedure(ROLES.endocrinologist, ROLES.oncologist)
    .input(z.void())
    .output(z.array(z.string()))
    .query(({ ctx }) => patientsInCareOf(ctx.db, ctx.user.id)),
});
