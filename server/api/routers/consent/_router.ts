import { createTRPCRouter, roleProcedure } from '@/server/api/trpc';
import { ROLES } from '@/server/auth/roles';
import { changeHandler } from './change.handler';
import { ZChangeInputSchema, ZChangeOutputSchema } from './change.schema';
import { historyHandler } from './history.handler';
import { ZHistoryInputSchema, ZHistoryOutputSchema } from './history.schema';
import { overviewHandler } from './overview.handler';
import { ZOverviewInputSchema, ZOverviewOutputSchema } from './overview.schema';
import { verifyReceiptHandler } from './verifyReceipt.handler';
import { ZVerifyReceiptInputSchema, ZVerifyReceiptOutputSchema } from './verifyReceipt.schema';

const patientProcedure = roleProcedure(ROLES.patient);

/** The patient's own consent (never another's: the handlers take the national id from the session only). */
export const consentRouter = createTRPCRouter({
  /** What is shared, with whom, for which purpose: the current Consent version in the dashboard's terms. */
  overview: patientProcedure.input(ZOverviewInputSchema).output(ZOverviewOutputSchema).query(overviewHandler),
  /** Every version of the patient's Consent, newest first, with its receipt. */
  history: patientProcedure.input(ZHistoryInputSchema).output(ZHistoryOutputSchema).query(historyHandler),
  /** One choice, as the next version; waits for every provider and says what each did. */
  change: patientProcedure.input(ZChangeInputSchema).output(ZChangeOutputSchema).mutation(changeHandler),
  /** Whether a consent receipt is genuine (signed by the authority, unaltered), and what it says. */
  verifyReceipt: roleProcedure(ROLES.patient, ROLES.steward).input(ZVerifyReceiptInputSchema).output(ZVerifyReceiptOutputSchema).mutation(verifyReceiptHandler),
});
