import { evaluateGuardrails } from '@/server/diabetes/guardrails/evaluate-guardrails';
import { TherapyModelUnavailableError } from '@/server/diabetes/model/errors';
import { recommendTherapy } from '@/server/diabetes/recommendation/recommend-therapy';
import type { TCard } from '@/server/cds-hooks/cards/card-schema';
import type { CardContext } from '@/server/cds-hooks/cards/card-basics';
import { guidelineCards } from '@/server/cds-hooks/cards/guideline-cards';
import { modelNeedsCard, modelOptionsCard } from '@/server/cds-hooks/cards/model-options-card';
import type { CdsPatient } from '@/server/cds-hooks/cds-patient';

/**
 * patient-view: the guideline cards, then the model's ranked options when its inputs allow and
 * intensification is indicated (at target the advice is to continue, so no add-on is ranked). The
 * explanation is not computed: a card shows no per-feature attribution, and it is the costly part.
 */
export async function patientViewCards(patient: CdsPatient, ctx: CardContext): Promise<TCard[]> {
  const assessment = evaluateGuardrails(patient.guardrailPatient);
  const cards = guidelineCards(assessment, patient.guardrailPatient.currentClasses, ctx);
  if (!assessment.intensification.indicated) return cards;
  const input = patient.assembly.modelInput;
  if (!input) {
    cards.push(modelNeedsCard(patient.assembly.refusals.map((r) => r.message), ctx));
    return cards;
  }
  try {
    const recommendation = await recommendTherapy({ patient: input, context: patient.context }, { explain: false });
    const card = modelOptionsCard(recommendation, ctx);
    if (card) cards.push(card);
  } catch (err) {
    // A refused model (integrity check) withholds its options; the guideline cards still stand.
    if (!(err instanceof TherapyModelUnavailableError)) throw err;
    cards.push(modelNeedsCard([`a servable model (${err.message})`], ctx));
  }
  return cards;
}
