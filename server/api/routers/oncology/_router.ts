import { createTRPCRouter, roleProcedure } from '@/server/api/trpc';
import { ROLES } from '@/server/auth/roles';
import { boardsHandler, createSessionHandler, protocolHandler, sessionHandler, sessionsHandler } from './sessions.handler';
import { ZBoardsInputSchema, ZBoardsOutputSchema, ZCreateSessionInputSchema, ZCreateSessionOutputSchema, ZProtocolOutputSchema, ZSessionInputSchema, ZSessionOutputSchema, ZSessionsInputSchema, ZSessionsOutputSchema } from './sessions.schema';
import { casePageHandler, nominateHandler, setCaseStateHandler } from './cases.handler';
import { ZNominateInputSchema, ZNominateOutputSchema } from './nominate.schema';
import { ZCaseInputSchema, ZCasePageOutputSchema, ZSetCaseStateInputSchema, ZSetCaseStateOutputSchema } from './cases.schema';
import { amendDecisionHandler, decisionFhirHandler, finaliseDecisionHandler, patientDecisionsHandler, recordFollowUpHandler, saveDecisionHandler } from './decisions.handler';
import {
  ZAmendDecisionInputSchema,
  ZAmendDecisionOutputSchema,
  ZDecisionFhirOutputSchema,
  ZFinaliseDecisionInputSchema,
  ZFinaliseDecisionOutputSchema,
  ZPatientDecisionsInputSchema,
  ZPatientDecisionsOutputSchema,
  ZRecordFollowUpInputSchema,
  ZRecordFollowUpOutputSchema,
  ZSaveDecisionInputSchema,
  ZSaveDecisionOutputSchema,
} from './decisions.schema';

const oncologist = roleProcedure(ROLES.oncologist);
// The steward oversees the boards' schedule (no patient is named to them); patient data stays with oncologists.
const boardReader = roleProcedure(ROLES.oncologist, ROLES.steward);
const clinician = roleProcedure(ROLES.oncologist, ROLES.endocrinologist);

export const oncologyRouter = createTRPCRouter({
  boards: boardReader.input(ZBoardsInputSchema).output(ZBoardsOutputSchema).query(boardsHandler),
  sessions: boardReader.input(ZSessionsInputSchema).output(ZSessionsOutputSchema).query(sessionsHandler),
  session: boardReader.input(ZSessionInputSchema).output(ZSessionOutputSchema).query(sessionHandler),
  createSession: oncologist.input(ZCreateSessionInputSchema).output(ZCreateSessionOutputSchema).mutation(createSessionHandler),
  protocol: oncologist.input(ZSessionInputSchema).output(ZProtocolOutputSchema).query(protocolHandler),
  nominate: oncologist.input(ZNominateInputSchema).output(ZNominateOutputSchema).mutation(nominateHandler),
  casePage: oncologist.input(ZCaseInputSchema).output(ZCasePageOutputSchema).query(casePageHandler),
  setCaseState: oncologist.input(ZSetCaseStateInputSchema).output(ZSetCaseStateOutputSchema).mutation(setCaseStateHandler),
  saveDecision: oncologist.input(ZSaveDecisionInputSchema).output(ZSaveDecisionOutputSchema).mutation(saveDecisionHandler),
  finaliseDecision: oncologist.input(ZFinaliseDecisionInputSchema).output(ZFinaliseDecisionOutputSchema).mutation(finaliseDecisionHandler),
  amendDecision: oncologist.input(ZAmendDecisionInputSchema).output(ZAmendDecisionOutputSchema).mutation(amendDecisionHandler),
  recordFollowUp: oncologist.input(ZRecordFollowUpInputSchema).output(ZRecordFollowUpOutputSchema).mutation(recordFollowUpHandler),
  decisionFhir: oncologist.input(ZCaseInputSchema).output(ZDecisionFhirOutputSchema).query(decisionFhirHandler),
  /** A patient's board decisions, shown on the record page to any clinician who may open that record. */
  patientDecisions: clinician.input(ZPatientDecisionsInputSchema).output(ZPatientDecisionsOutputSchema).query(patientDecisionsHandler),
});
