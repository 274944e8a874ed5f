import type { GuardrailAssessment } from '@/server/diabetes/guardrails/evaluate-guardrails';
import { SOURCES } from '@/server/diabetes/guardrails/sources';
import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASSES } from '@/server/diabetes/model/drug-classes';
import type { TCard } from '@/server/cds-hooks/cards/card-schema';
import type { CardContext } from '@/server/cds-hooks/cards/card-basics';
import { CARD_TOPICS, NOT_FOR_CLINICAL_USE, guidelineSource, newCardUuid, patientPageLinks, summaryOf } from '@/server/cds-hooks/cards/card-basics';
import { agentName, proposedMedicationRequest } from '@/server/cds-hooks/cards/medication-suggestion';
import { OVERRIDE_REASONS } from '@/server/cds-hooks/cards/override-reasons';

/**
 * order-select: the draft glucose-lowering order checked against the guardrails. A class the rules
 * exclude gets a card (critical for a contraindication, warning otherwise) whose suggestions replace
 * the draft (delete it, create the alternative) with the best-placed classes that are not excluded; a
 * caution (e.g. hypoglycaemia risk) gets a warning without alternatives; an order without findings
 * gets no card (CDS Hooks best practice: no noise).
 */
export interface DraftDiabetesOrder {
  /** `MedicationRequest/id` in the draft bundle. */
  reference: string;
  drugClass: DrugClassId;
  /** What the draft names (its text or first coding's display). */
  name: string;
}

const ALTERNATIVES = 3;

export function orderCheckCard(order: DraftDiabetesOrder, assessment: GuardrailAssessment, alternatives: readonly DrugClassId[], ctx: CardContext): TCard | null {
  const c = order.drugClass;
  const findings = assessment.classes[c].findings;
  const blocking = findings.filter((f) => f.effect !== 'recommended' && f.effect !== 'consider' && f.effect !== 'caution');
  const cautions = findings.filter((f) => f.effect === 'caution');
  const shown = blocking.length > 0 ? blocking : cautions;
  const first = shown[0];
  if (!first) return null;
  const contraindicated = blocking.some((f) => f.effect === 'contraindicated');
  const label = DRUG_CLASSES[c].label;
  const lines = shown.map((f) => `- ${f.message} — *${f.source.label}* ([source](${f.source.url}))`).join('\n');
  const options = blocking.length > 0 ? alternatives.filter((a) => a !== c).slice(0, ALTERNATIVES) : [];
  return {
    uuid: newCardUuid(),
    summary: summaryOf(
      contraindicated ? `${order.name}: ${label.toLowerCase()} contraindicated for this patient` : blocking.length > 0 ? `${order.name}: not advised now (${label.toLowerCase()})` : `${order.name}: ${first.message}`,
    ),
    indicator: contraindicated ? 'critical' : 'warning',
    detail: `${lines}${options.length > 0 ? `\n\nAlternatives not excluded by the rules, best placed first: ${options.map((a) => `${agentName(a)} (${DRUG_CLASSES[a].label})`).join(', ')}.` : ''}\n\nRule set ${assessment.ruleSetVersion}.\n\n${NOT_FOR_CLINICAL_USE}`,
    source: guidelineSource(first.source ?? SOURCES.ada2025Glycemic, CARD_TOPICS.orderCheck),
    ...(options.length > 0
      ? {
          suggestions: options.map((a, i) => ({
            label: `Replace with ${agentName(a)} (${DRUG_CLASSES[a].label})`,
            uuid: newCardUuid(),
            isRecommended: i === 0,
            actions: [
              { type: 'delete' as const, description: `Remove the draft order for ${order.name}`, resourceId: order.reference },
              { type: 'create' as const, description: `Draft a MedicationRequest for ${agentName(a)}`, resource: proposedMedicationRequest(a, ctx.patientId) },
            ],
          })),
          selectionBehavior: 'at-most-one' as const,
        }
      : {}),
    overrideReasons: [...OVERRIDE_REASONS],
    ...patientPageLinks(ctx),
  };
}
