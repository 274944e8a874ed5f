import type { TherapyRecommendation } from '@/server/diabetes/recommendation/recommend-therapy';
import type { TCard } from '@/server/cds-hooks/cards/card-schema';
import type { CardContext } from '@/server/cds-hooks/cards/card-basics';
import { CARD_TOPICS, NOT_FOR_CLINICAL_USE, newCardUuid, patientPageLinks, summaryOf } from '@/server/cds-hooks/cards/card-basics';
import { agentName, proposedMedicationRequest } from '@/server/cds-hooks/cards/medication-suggestion';
import { OVERRIDE_REASONS } from '@/server/cds-hooks/cards/override-reasons';

/**
 * The model's ranked add-on options as one card: the first few ranked classes as suggestions (choose
 * at most one), the full table in the detail with intervals, weight and hypoglycaemia, the excluded
 * classes with their reasons, the inputs the record lacked, and the model's version and hash (EU AI
 * Act Art. 12–13). A ranked list, not a directive (FDA CDS guidance 2022, criteria 3–4).
 */
const SUGGESTED = 3;

const signed = (v: number): string => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)}`;
const pct = (p: number): string => `${Math.round(p * 100)} %`;

export function modelOptionsCard(rec: TherapyRecommendation, ctx: CardContext): TCard | null {
  const ranked = rec.options.filter((o) => o.rank !== null);
  const first = ranked[0];
  if (!first) return null;
  const rows = ranked.map(
    (o) =>
      `| ${o.rank} | ${o.label} | ${signed(o.predictedHba1cChangeMmolMol)} (${signed(o.intervalMmolMol.p10)} to ${signed(o.intervalMmolMol.p90)}) | ${o.predictedHba1cMmolMol.toFixed(0)} mmol/mol (${o.predictedHba1cPercent.toFixed(1)} %) | ${signed(o.weightChangeKg.predicted)} kg | ${pct(o.hypoglycaemiaRisk12m.predicted)} | ${o.costTier} |`,
  );
  const excluded = rec.options.filter((o) => o.rank === null).map((o) => `- **${o.label}**: ${o.exclusions.map((f) => f.message).join(' ')}`);
  const missing = rec.missingInputs.length > 0 ? `\n\nAnswered without: ${rec.missingInputs.map((m) => m.label).join(', ')} (wider intervals).` : '';
  const detail = [
    `Ranked by **${rec.priority.label}** (${rec.priority.tradeOff}); organ protection first (ADA 2025).`,
    '',
    '| # | Option | HbA1c change at 12 months, mmol/mol (10th–90th pct) | Expected HbA1c | Weight | Hypoglycaemia risk | Cost |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    ...(excluded.length > 0 ? ['', 'Not proposed:', ...excluded] : []),
    missing,
    '',
    `Model ${rec.model.name} ${rec.model.version} (SHA-256 ${rec.model.sha256.slice(0, 12)}…), trained on ${rec.model.trainedOn}; rule set ${rec.guardrails.ruleSetVersion}. [Model card](${ctx.appUrl}/diabetes/model)`,
    '',
    NOT_FOR_CLINICAL_USE,
  ].join('\n');
  return {
    uuid: newCardUuid(),
    summary: summaryOf(`Add-on options ranked: 1. ${first.label} (predicted HbA1c ${signed(first.predictedHba1cChangeMmolMol)} mmol/mol at 12 months)`),
    indicator: 'info',
    detail,
    source: { label: `D4H Clinic therapy model ${rec.model.version} (synthetic)`, url: `${ctx.appUrl}/diabetes/model`, topic: CARD_TOPICS.modelOptions },
    suggestions: ranked.slice(0, SUGGESTED).map((o) => ({
      label: `${o.rank}. ${agentName(o.drugClass)} (${o.label})`,
      uuid: newCardUuid(),
      isRecommended: o.rank === 1,
      actions: [{ type: 'create', description: `Draft a MedicationRequest for ${agentName(o.drugClass)}: ${o.reason}`, resource: proposedMedicationRequest(o.drugClass, ctx.patientId) }],
    })),
    selectionBehavior: 'at-most-one',
    overrideReasons: [...OVERRIDE_REASONS],
    ...patientPageLinks(ctx),
  };
}

/** Why the model gave no options: what the record needs (required inputs are never imputed). */
export function modelNeedsCard(needs: readonly string[], ctx: CardContext): TCard {
  return {
    uuid: newCardUuid(),
    summary: summaryOf(`No model options: needs ${needs.join('; ')}`),
    indicator: 'info',
    detail: `The therapy model answers only with all its required inputs; none is imputed:\n\n${needs.map((n) => `- ${n}`).join('\n')}\n\nThe guideline checks above do not depend on these.\n\n${NOT_FOR_CLINICAL_USE}`,
    source: { label: 'D4H Clinic therapy model (synthetic)', url: `${ctx.appUrl}/diabetes/model`, topic: CARD_TOPICS.missingData },
    ...patientPageLinks(ctx),
  };
}
