import { createTRPCRouter, roleProcedure } from '@/server/api/trpc';
import { ROLES } from '@/server/auth/roles';
import { decideHandler } from './decide.handler';
import { ZDecideInputSchema, ZDecideOutputSchema } from './decide.schema';
import { historyHandler } from './history.handler';
import { ZHistoryInputSchema, ZHistoryOutputSchema } from './history.schema';
import { modelReportHandler } from './modelReport.handler';
import { ZModelReportInputSchema, ZModelReportOutputSchema } from './modelReport.schema';
import { panelHandler } from './panel.handler';
import { ZPanelInputSchema, ZPanelOutputSchema } from './panel.schema';
import { recommendationHandler } from './recommendation.handler';
import { ZRecommendationInputSchema, ZRecommendationOutputSchema } from './recommendation.schema';

const endocrinologistProcedure = roleProcedure(ROLES.endocrinologist);

export const diabetesRouter = createTRPCRouter({
  /** The endocrinologist's patients: latest HbA1c and trend, goal, therapy, care gaps, consent, last review. */
  panel: endocrinologistProcedure.input(ZPanelInputSchema).output(ZPanelOutputSchema).query(panelHandler),
  /** One patient's ranked therapy options with features, provenance, guardrails, model identity and missing data. */
  recommendation: endocrinologistProcedure.input(ZRecommendationInputSchema).output(ZRecommendationOutputSchema).query(recommendationHandler),
  /** Accept an option, or override with a coded reason: stored as a GuidanceResponse with its basis, audited, idempotent. */
  decide: endocrinologistProcedure.input(ZDecideInputSchema).output(ZDecideOutputSchema).mutation(decideHandler),
  /** A patient's therapy decisions, newest first. */
  history: endocrinologistProcedure.input(ZHistoryInputSchema).output(ZHistoryOutputSchema).query(historyHandler),
  /** The model card, validation figures and the clinicians' agreement with the first option. */
  modelReport: endocrinologistProcedure.input(ZModelReportInputSchema).output(ZModelReportOutputSchema).query(modelReportHandler),
});
