import type { ClassAssessment, GuardrailAssessment, GuardrailFinding } from '@/server/diabetes/guardrails/evaluate-guardrails';
import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASSES, DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { SOURCES } from '@/server/diabetes/guardrails/sources';
import type { TCard } from '@/server/cds-hooks/cards/card-schema';
import type { CardContext } from '@/server/cds-hooks/cards/card-basics';
import { CARD_TOPICS, NOT_FOR_CLINICAL_USE, guidelineSource, newCardUuid, patientPageLinks, summaryOf } from '@/server/cds-hooks/cards/card-basics';
import { agentName, proposedMedicationRequest } from '@/server/cds-hooks/cards/medication-suggestion';
import { OVERRIDE_REASONS } from '@/server/cds-hooks/cards/override-reasons';

/**
 * The guideline cards of patient-view, from the guardrails alone (no model): organ protection the
 * patient lacks (ADA 2025 sections 9–11: offered whatever the HbA1c), contraindications and cautions
 * on what the patient already takes, and the at-target advice (no intensification; continue, review).
 */
const findingLines = (findings: readonly GuardrailFinding[]): string =>
  findings.map((f) => `- ${f.message} — *${f.source.label}* ([source](${f.source.url}))`).join('\n');

function organProtectionCard(a: ClassAssessment, ctx: CardContext): TCard {
  const c = a.drugClass;
  const why = a.findings.filter((f) => f.effect === 'recommended');
  const first = why[0];
  const agent = agentName(c);
  return {
    uuid: newCardUuid(),
    summary: summaryOf(`${DRUG_CLASSES[c].label} recommended for organ protection, whatever the HbA1c`),
    indicator: 'warning',
    detail: `${findingLines(why)}\n\nSuggested agent: **${agent}** (ATC ${proposedMedicationRequest(c, ctx.patientId).medicationCodeableConcept?.coding?.[0]?.code}).\n\n${NOT_FOR_CLINICAL_USE}`,
    source: guidelineSource(first?.source ?? SOURCES.ada2025Glycemic, CARD_TOPICS.guideline),
    suggestions: [
      {
        label: `Propose ${agent}`,
        uuid: newCardUuid(),
        isRecommended: true,
        actions: [{ type: 'create', description: `Draft a MedicationRequest for ${agent} (${DRUG_CLASSES[c].label})`, resource: proposedMedicationRequest(c, ctx.patientId) }],
      },
    ],
    selectionBehavior: 'at-most-one',
    overrideReasons: [...OVERRIDE_REASONS],
    ...patientPageLinks(ctx),
  };
}

function currentTherapyCard(c: DrugClassId, findings: readonly GuardrailFinding[], ctx: CardContext): TCard {
  const contraindicated = findings.some((f) => f.effect === 'contraindicated');
  return {
    uuid: newCardUuid(),
    summary: summaryOf(
      contraindicated ? `Review current ${DRUG_CLASSES[c].label.toLowerCase()}: contraindicated for this patient` : `Current ${DRUG_CLASSES[c].label.toLowerCase()}: ${findings[0]?.message ?? ''}`,
    ),
    indicator: contraindicated ? 'critical' : 'warning',
    detail: `${findingLines(findings)}\n\n${NOT_FOR_CLINICAL_USE}`,
    source: guidelineSource(findings[0]?.source ?? SOURCES.ada2025Glycemic, CARD_TOPICS.guideline),
    overrideReasons: [...OVERRIDE_REASONS],
    ...patientPageLinks(ctx),
  };
}

export function guidelineCards(assessment: GuardrailAssessment, currentClasses: readonly DrugClassId[], ctx: CardContext): TCard[] {
  const cards: TCard[] = [];
  for (const c of DRUG_CLASS_IDS) {
    const a = assessment.classes[c];
    if (a.status === 'recommended' && !currentClasses.includes(c)) cards.push(organProtectionCard(a, ctx));
  }
  for (const c of currentClasses) {
    // What would stop a new prescription also speaks against continuing it; 'already-taking' and
    // 'do-not-start' (e.g. metformin at eGFR 30–45: review, not stop) are about starting only.
    const findings = assessment.classes[c].findings.filter((f) => f.effect === 'contraindicated' || f.effect === 'caution' || f.effect === 'do-not-combine');
    if (findings.length > 0) cards.push(currentTherapyCard(c, findings, ctx));
  }
  if (assessment.intensification.advice) {
    cards.push({
      uuid: newCardUuid(),
      summary: summaryOf('HbA1c at or below the individual target: continue the current therapy and review'),
      indicator: 'info',
      detail: `${assessment.intensification.advice}\n\n${NOT_FOR_CLINICAL_USE}`,
      source: guidelineSource(SOURCES.ada2025Glycemic, CARD_TOPICS.guideline),
      ...patientPageLinks(ctx),
    });
  }
  return cards;
}
