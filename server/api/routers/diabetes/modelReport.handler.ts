import type { TSignedInContext } from '@/server/api/trpc';
import { readModelDocuments } from '@/server/diabetes/model/model-report';
import { modelState } from '@/server/diabetes/recommendation/patient-recommendation';
import { agreementWithTopOption } from '@/server/diabetes/recommendation/decisions';
import { env } from '@/server/env';
import { FIVE_CLASS_PAPER_AGREEMENT } from './modelReport.schema';
import type { TModelReportOutput } from './modelReport.schema';

/** The model page: whether the model serves (and why not), its card, its validation figures, and how often clinicians agreed with it. */
export async function modelReportHandler({ ctx }: { ctx: TSignedInContext }): Promise<TModelReportOutput> {
  const dir = env().DIABETES_MODEL_DIR;
  const [status, docs, agreement] = await Promise.all([modelState(dir), readModelDocuments(dir), agreementWithTopOption(ctx.db)]);
  return {
    status,
    ...docs,
    agreement: { ...agreement, share: agreement.decisions > 0 ? agreement.agreed / agreement.decisions : null, paperShare: FIVE_CLASS_PAPER_AGREEMENT },
  };
}
