import type { TSignedInContext } from '@/server/api/trpc';
import { loadRecommendation } from './load-recommendation';
import type { TRecommendationInput, TRecommendationOutput } from './recommendation.schema';

/** A patient's therapy options with their basis, for the clinician's chosen priority. */
export async function recommendationHandler({ ctx, input }: { ctx: TSignedInContext; input: TRecommendationInput }): Promise<TRecommendationOutput> {
  const { view, access } = await loadRecommendation(ctx, input.nationalId, input.priority);
  return { ...view, access };
}
