import { z } from 'zod';
import { createTRPCRouter, roleProcedure } from '@/server/api/trpc';
import { ROLES } from '@/server/auth/roles';
import { ZCreateUserInputSchema, ZListUsersOutputSchema, ZSetUserDisabledInputSchema } from './users.schema';
import { listUsersHandler } from './listUsers.handler';
import { createUserHandler } from './createUser.handler';
import { setUserDisabledHandler } from './setUserDisabled.handler';
import { organisationsHandler } from './organisations.handler';
import { ZOrganisationsOutputSchema } from './organisations.schema';
import {
  ZAddCareRelationshipInputSchema,
  ZEndCareRelationshipInputSchema,
  ZListCareRelationshipsOutputSchema,
} from './careRelationships.schema';
import { addCareRelationshipHandler, endCareRelationshipHandler, listCareRelationshipsHandler } from './careRelationships.handler';

const adminProcedure = roleProcedure(ROLES.admin);

export const adminRouter = createTRPCRouter({
  listUsers: adminProcedure.input(z.void()).output(ZListUsersOutputSchema).query(listUsersHandler),
  /** The registry's participants, the only organisations a user may be given. */
  organisations: adminProcedure.input(z.void()).output(ZOrganisationsOutputSchema).query(organisationsHandler),
  createUser: adminProcedure.input(ZCreateUserInputSchema).output(z.object({ id: z.string() })).mutation(createUserHandler),
  setUserDisabled: adminProcedure
    .input(ZSetUserDisabledInputSchema)
    .output(z.object({ id: z.string(), disabled: z.boolean() }))
    .mutation(setUserDisabledHandler),
  listCareRelationships: adminProcedure.input(z.void()).output(ZListCareRelationshipsOutputSchema).query(listCareRelationshipsHandler),
  addCareRelationship: adminProcedure.input(ZAddCareRelationshipInputSchema).output(z.object({ id: z.string() })).mutation(addCareRelationshipHandler),
  endCareRelationship: adminProcedure.input(ZEndCareRelationshipInputSchema).output(z.object({ id: z.string() })).mutation(endCareRelationshipHandler),
});
