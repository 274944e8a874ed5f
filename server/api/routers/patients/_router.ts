import { createTRPCRouter, roleProcedure } from '@/server/api/trpc';
import { ROLES } from '@/server/auth/roles';
import { recordHandler } from './record.handler';
import { ZRecordInputSchema, ZRecordOutputSchema } from './record.schema';

export const patientsRouter = createTRPCRouter({
  /** A patient's record merged from every provider holding it, with a source per item and a status per provider. */
  record: roleProcedure(ROLES.endocrinologist, ROLES.oncologist).input(ZRecordInputSchema).output(ZRecordOutputSchema).query(recordHandler),
});
