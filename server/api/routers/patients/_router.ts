import { createTRPCRouter, roleProcedure } from '@/server/api/trpc';
import { ROLES } from '@/server/auth/roles';
import { recordHandler } from './record.handler';
import { ZRecordInputSchema, ZRecordOutputSchema } from './record.schema';
import { endBreakGlassHandler, startBreakGlassHandler } from './breakGlass.handler';
import { locateHandler } from './locate.handler';
import { ZLocateInputSchema, ZLocateOutputSchema } from './locate.schema';
import { ZEndBreakGlassInputSchema, ZEndBreakGlassOutputSchema, ZStartBreakGlassInputSchema, ZStartBreakGlassOutputSchema } from './breakGlass.schema';

const clinicianProcedure = roleProcedure(ROLES.endocrinologist, ROLES.oncologist);

export const patientsRouter = createTRPCRouter({
  /** A patient's record merged from every provider holding it, with a source per item and a status per provider. */
  record: clinicianProcedure.input(ZRecordInputSchema).output(ZRecordOutputSchema).query(recordHandler),
  /** Whether any provider in the dataspace holds this national id (asked before emergency access is offered). */
  locate: clinicianProcedure.input(ZLocateInputSchema).output(ZLocateOutputSchema).query(locateHandler),
  /** Emergency access to a patient outside the clinician's care: a reason, 60 minutes, purpose ETREAT, audited. */
  startBreakGlass: clinicianProcedure.input(ZStartBreakGlassInputSchema).output(ZStartBreakGlassOutputSchema).mutation(startBreakGlassHandler),
  endBreakGlass: clinicianProcedure.input(ZEndBreakGlassInputSchema).output(ZEndBreakGlassOutputSchema).mutation(endBreakGlassHandler),
});
