import type { MedicationRequest } from '@medplum/fhirtypes';
import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASSES } from '@/server/diabetes/model/drug-classes';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import { CONDITIONS } from '@/server/terminology/conditions';
import type { DiabetesMedicine } from '@/server/terminology/medications';
import { DIABETES_MEDICINES } from '@/server/terminology/medications';

/**
 * The agent a suggestion proposes for each class, coded with ATC (WHO ATC/DDD index 2025) and RxNorm
 * ingredient RxCUIs (NLM RxNav). The agents are those with outcome-trial evidence in ADA 2025 sections
 * 9–11 where the class has one: empagliflozin (EMPA-REG, EMPEROR, EMPA-KIDNEY), semaglutide (SUSTAIN-6);
 * gliclazide as the sulfonylurea with the lowest hypoglycaemia risk; insulin glargine as basal insulin.
 */
export const CLASS_AGENT = {
  metformin: { medicine: 'metformin', rxnorm: '6809' },
  sglt2i: { medicine: 'empagliflozin', rxnorm: '1545653' },
  glp1ra: { medicine: 'semaglutide', rxnorm: '1991302' },
  dpp4i: { medicine: 'sitagliptin', rxnorm: '593411' },
  sulfonylurea: { medicine: 'gliclazide', rxnorm: '4816' },
  tzd: { medicine: 'pioglitazone', rxnorm: '33738' },
  basalInsulin: { medicine: 'glargine', rxnorm: '274783' },
} as const satisfies Record<DrugClassId, { medicine: DiabetesMedicine; rxnorm: string }>;

export function agentName(c: DrugClassId): string {
  return DIABETES_MEDICINES[CLASS_AGENT[c].medicine].name.en;
}

/** A draft MedicationRequest for the class's agent, for a suggestion's `create` action; the prescriber sets the dose. */
export function proposedMedicationRequest(c: DrugClassId, patientId: string): MedicationRequest {
  const agent = CLASS_AGENT[c];
  const medicine = DIABETES_MEDICINES[agent.medicine];
  return {
    resourceType: 'MedicationRequest',
    status: 'draft',
    intent: 'proposal',
    subject: { reference: `Patient/${patientId}` },
    medicationCodeableConcept: {
      coding: [
        { system: CODE_SYSTEMS.atc, code: medicine.atc, display: medicine.name.en },
        { system: CODE_SYSTEMS.rxnorm, code: agent.rxnorm, display: medicine.name.en },
      ],
      text: `${medicine.name.en} (${DRUG_CLASSES[c].label})`,
    },
    reasonCode: [{ coding: [{ system: CODE_SYSTEMS.snomed, code: CONDITIONS.type2Diabetes.snomed, display: CONDITIONS.type2Diabetes.display }] }],
    note: [{ text: 'Proposed by D4H Clinic decision support (synthetic model, not for clinical use); dose and titration by the prescriber.' }],
  };
}
