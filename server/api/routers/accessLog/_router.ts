import { z } from 'zod';
import { createTRPCRouter, roleProcedure } from '@/server/api/trpc';
import { ROLES } from '@/server/auth/roles';
import { listHandler, markSeenHandler, notificationsHandler } from './accessLog.handler';
import { ZAccessLogListInputSchema, ZAccessLogListOutputSchema, ZAccessLogNotificationsOutputSchema, ZMarkSeenInputSchema, ZMarkSeenOutputSchema } from './accessLog.schema';

// The patient's own log only: no procedure takes a national id (it comes from the session).
const patientProcedure = roleProcedure(ROLES.patient);

export const accessLogRouter = createTRPCRouter({
  /** Every access to the patient's data, from every provider and this app, filtered and paged (EHDS Art. 9). */
  list: patientProcedure.input(ZAccessLogListInputSchema).output(ZAccessLogListOutputSchema).query(listHandler),
  notifications: patientProcedure.input(z.void()).output(ZAccessLogNotificationsOutputSchema).query(notificationsHandler),
  markSeen: patientProcedure.input(ZMarkSeenInputSchema).output(ZMarkSeenOutputSchema).mutation(markSeenHandler),
});
