import type { MedicationRequest } from '@medplum/fhirtypes';
import { evaluateGuardrails } from '@/server/diabetes/guardrails/evaluate-guardrails';
import { classesOfAtc } from '@/server/diabetes/features/current-therapy';
import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import type { TCard } from '@/server/cds-hooks/cards/card-schema';
import type { CardContext } from '@/server/cds-hooks/cards/card-basics';
import type { DraftDiabetesOrder } from '@/server/cds-hooks/cards/order-check-cards';
import { orderCheckCard } from '@/server/cds-hooks/cards/order-check-cards';
import type { CdsPatient } from '@/server/cds-hooks/cds-patient';
import type { TOrderSelectContext } from '@/server/cds-hooks/request-schema';

/**
 * order-select: each selected draft MedicationRequest with an ATC code of a class the model knows is
 * checked against the guardrails; alternatives are the classes the rules do not exclude, organ
 * protection first (ADA 2025), then in the order of the ADA/EASD 2022 table (metformin, SGLT2i,
 * GLP-1 RA, DPP-4i, SU, TZD, insulin). Orders of other medicines get no card.
 */
export function draftDiabetesOrders(context: TOrderSelectContext): DraftDiabetesOrder[] {
  const selected = new Set(context.selections);
  return context.draftOrders.entry.flatMap((e) => {
    const r = e.resource as unknown as MedicationRequest;
    if (r.resourceType !== 'MedicationRequest' || !r.id || !selected.has(`MedicationRequest/${r.id}`)) return [];
    const atc = r.medicationCodeableConcept?.coding?.find((c) => c.system === CODE_SYSTEMS.atc)?.code;
    const drugClass = atc ? classesOfAtc(atc)[0] : undefined;
    if (!drugClass) return [];
    const name = r.medicationCodeableConcept?.text ?? r.medicationCodeableConcept?.coding?.[0]?.display ?? atc ?? 'the order';
    return [{ reference: `MedicationRequest/${r.id}`, drugClass, name }];
  });
}

export function orderSelectCards(patient: CdsPatient, orders: readonly DraftDiabetesOrder[], ctx: CardContext): TCard[] {
  const assessment = evaluateGuardrails(patient.guardrailPatient);
  const status = (c: DrugClassId) => assessment.classes[c].status;
  const alternatives = [...DRUG_CLASS_IDS.filter((c) => status(c) === 'recommended'), ...DRUG_CLASS_IDS.filter((c) => status(c) === 'available')];
  return orders.flatMap((o) => orderCheckCard(o, assessment, alternatives, ctx) ?? []);
}
