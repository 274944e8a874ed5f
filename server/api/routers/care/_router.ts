import { createTRPCRouter, roleProcedure } from '@/server/api/trpc';
import { ROLES } from '@/server/auth/roles';
import { myPatientsHandler } from './myPatients.handler';
import { ZMyPatientsInputSchema, ZMyPatientsOutputSchema } from './myPatients.schema';

export const careRouter = createTRPCRouter({
  /** The patients in the caller's care today: name, age, sex, main problem, latest HbA1c or cancer and stage. */
  myPatients: roleProcedure(ROLES.endocrinologist, ROLES.oncologist).input(ZMyPatientsInputSchema).output(ZMyPatientsOutputSchema).query(myPatientsHandler),
});
