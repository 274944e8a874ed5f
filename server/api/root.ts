import { createCallerFactory, createTRPCRouter } from './trpc';
import { sessionRouter } from './routers/session/_router';
import { adminRouter } from './routers/admin/_router';
import { auditRouter } from './routers/audit/_router';
import { careRouter } from './routers/care/_router';
import { patientsRouter } from './routers/patients/_router';
import { dataspaceRouter } from './routers/dataspace/_router';
import { accessLogRouter } from './routers/accessLog/_router';
import { consentRouter } from './routers/consent/_router';
import { diabetesRouter } from './routers/diabetes/_router';
import { oncologyRouter } from './routers/oncology/_router';

export const appRouter = createTRPCRouter({
  session: sessionRouter,
  admin: adminRouter,
  audit: auditRouter,
  care: careRouter,
  patients: patientsRouter,
  dataspace: dataspaceRouter,
  accessLog: accessLogRouter,
  consent: consentRouter,
  diabetes: diabetesRouter,
  oncology: oncologyRouter,
});
export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
