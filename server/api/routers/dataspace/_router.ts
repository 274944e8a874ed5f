import { z } from 'zod';
import { createTRPCRouter, roleProcedure } from '@/server/api/trpc';
import { ROLES } from '@/server/auth/roles';
import { catalogsHandler } from './catalogs.handler';
import { ZCatalogsOutputSchema } from './catalogs.schema';
import { agreementsHandler, negotiationsHandler, transfersHandler } from './contracts.handler';
import { ZAgreementsOutputSchema, ZContractsInputSchema, ZNegotiationsOutputSchema, ZTransfersOutputSchema } from './contracts.schema';
import { healthHandler } from './health.handler';
import { ZHealthOutputSchema } from './health.schema';
import { participantsHandler } from './participants.handler';
import { ZParticipantsOutputSchema } from './participants.schema';

const stewardProcedure = roleProcedure(ROLES.steward);

/** The steward's view of the dataspace as the web app takes part in it. */
export const dataspaceRouter = createTRPCRouter({
  participants: stewardProcedure.input(z.void()).output(ZParticipantsOutputSchema).query(participantsHandler),
  catalogs: stewardProcedure.input(z.void()).output(ZCatalogsOutputSchema).query(catalogsHandler),
  negotiations: stewardProcedure.input(ZContractsInputSchema).output(ZNegotiationsOutputSchema).query(negotiationsHandler),
  agreements: stewardProcedure.input(ZContractsInputSchema).output(ZAgreementsOutputSchema).query(agreementsHandler),
  transfers: stewardProcedure.input(ZContractsInputSchema).output(ZTransfersOutputSchema).query(transfersHandler),
  health: stewardProcedure.input(z.void()).output(ZHealthOutputSchema).query(healthHandler),
});
