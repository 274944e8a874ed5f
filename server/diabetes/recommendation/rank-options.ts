import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import type { GuardrailAssessment, GuardrailFinding } from '@/server/diabetes/guardrails/evaluate-guardrails';
import { exclusionsOf } from '@/server/diabetes/guardrails/evaluate-guardrails';
import type { PredictedEffects, Priority } from '@/server/diabetes/recommendation/priorities';
import { COST_TIER, PRIORITIES, priorityKey } from '@/server/diabetes/recommendation/priorities';

/**
 * Person-centred ranking (ADA Standards of Care 2025, section 9; ADA/EASD 2022): the classes the
 * guardrails recommend for organ protection come first, whatever their predicted HbA1c effect; then
 * the others by the clinician's priority. Excluded classes get no rank but keep their reasons. Each
 * option says why it has its rank. A ranked list, not a directive (FDA CDS guidance 2022, criterion 3).
 */
export interface RankedOption {
  drugClass: DrugClassId;
  /** 1 = first; null when the guardrails exclude the class. */
  rank: number | null;
  group: 'organ-protection' | 'by-priority' | 'excluded';
  reason: string;
  costTier: (typeof COST_TIER)[DrugClassId];
  exclusions: GuardrailFinding[];
}

const compareKeys = (a: number[], b: number[]): number => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

const pct = (p: number): string => `${Math.round(p * 100)} %`;
const signed = (v: number, digits = 1): string => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(digits)}`;

function effectsText(e: PredictedEffects): string {
  return `predicted HbA1c ${signed(e.hba1cChangeMmolMol)} mmol/mol, weight ${signed(e.weightChangeKg)} kg, hypoglycaemia risk ${pct(e.hypoglycaemiaRisk12m)}, cost ${COST_TIER[e.drugClass]}`;
}

export function rankOptions(effects: readonly PredictedEffects[], guardrails: GuardrailAssessment, priority: Priority): RankedOption[] {
  const byPriority = (a: PredictedEffects, b: PredictedEffects): number => compareKeys(priorityKey(priority, a), priorityKey(priority, b));
  const statusOf = (e: PredictedEffects) => guardrails.classes[e.drugClass].status;
  const protective = effects.filter((e) => statusOf(e) === 'recommended').sort(byPriority);
  const others = effects.filter((e) => statusOf(e) === 'available').sort(byPriority);
  const ranked: RankedOption[] = [];
  const push = (e: PredictedEffects, group: RankedOption['group'], reason: string): void => {
    ranked.push({ drugClass: e.drugClass, rank: group === 'excluded' ? null : ranked.length + 1, group, reason, costTier: COST_TIER[e.drugClass], exclusions: exclusionsOf(guardrails.classes[e.drugClass]) });
  };
  for (const e of protective) {
    const why = guardrails.classes[e.drugClass].findings.filter((f) => f.effect === 'recommended').map((f) => f.message).join(' ');
    push(e, 'organ-protection', `Organ protection first: ${why} Among organ-protective options ordered by "${PRIORITIES[priority].label}": ${effectsText(e)}.`);
  }
  for (const e of others) {
    push(e, 'by-priority', `${protective.length > 0 ? 'After organ protection, by' : 'By'} "${PRIORITIES[priority].label}" (${PRIORITIES[priority].tradeOff}): ${effectsText(e)}.`);
  }
  for (const e of effects.filter((x) => statusOf(x) === 'excluded')) {
    push(e, 'excluded', `Not proposed: ${exclusionsOf(guardrails.classes[e.drugClass]).map((f) => f.message).join(' ')}`);
  }
  return ranked;
}

/** The first-ranked class, or null when nothing is proposed (e.g. at target without organ-protection needs). */
export function topClass(ranked: readonly RankedOption[]): DrugClassId | null {
  return ranked.find((o) => o.rank === 1)?.drugClass ?? null;
}
