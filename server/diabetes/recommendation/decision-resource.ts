import type { GuidanceResponse, Parameters, ParametersParameter } from '@medplum/fhirtypes';
import { DRUG_CLASSES, type DrugClassId } from '@/server/diabetes/model/drug-classes';
import type { OverrideReason } from '@/server/diabetes/recommendation/override-reasons';
import { OVERRIDE_REASONS, OVERRIDE_REASON_SYSTEM } from '@/server/diabetes/recommendation/override-reasons';
import type { TRecommendationView } from '@/server/diabetes/recommendation/recommendation-schema';
import { CODE_SYSTEMS, NATIONAL_HEALTH_ID_SYSTEM } from '@/server/terminology/code-systems';

export const DECISION_IDENTIFIER_SYSTEM = 'https://d4h.example/fhir/sid/diabetes-decision';
export const THERAPY_MODEL_URI = 'https://d4h.example/fhir/Library/diabetes-therapy';

export interface DecisionFacts {
  id: string;
  action: 'accepted' | 'overridden';
  chosenClass: DrugClassId | null;
  overrideReason: OverrideReason | null;
  note: string | null;
  clinician: { id: string; email: string };
  decidedAt: Date;
}

const atc = (c: DrugClassId) => ({ system: CODE_SYSTEMS.atc, code: DRUG_CLASSES[c].atc, display: DRUG_CLASSES[c].label });

/** The basis as FHIR Parameters: every input with value, date, resource, provider and agreement; the model and rule set; the options. */
function basisParameters(view: TRecommendationView): Parameters {
  const parameter: ParametersParameter[] = [
    { name: 'priority', valueCode: view.priority.id },
    { name: 'ruleSetVersion', valueString: view.ruleSetVersion },
    { name: 'targetHba1cMmolMol', valueDecimal: view.target.mmolMol },
  ];
  if (view.model.state === 'ready') parameter.push({ name: 'model', part: [{ name: 'version', valueString: view.model.version }, { name: 'sha256', valueString: view.model.sha256 }] });
  else parameter.push({ name: 'modelRefused', valueString: view.model.message });
  for (const f of view.features) {
    const part: ParametersParameter[] = [{ name: 'status', valueCode: f.status }];
    if (f.value !== null) part.push({ name: 'value', valueQuantity: { value: f.value, unit: f.unit } });
    if (f.date) part.push({ name: 'date', valueString: f.date });
    for (const s of f.sources) {
      part.push({
        name: 'source',
        part: [
          { name: 'resource', valueString: s.versionId ? `${s.resource}/_history/${s.versionId}` : s.resource },
          ...(s.providerId ? [{ name: 'provider', valueString: s.providerId }] : []),
          ...(s.agreementId ? [{ name: 'agreement', valueString: s.agreementId }] : []),
        ],
      });
    }
    parameter.push({ name: `feature:${f.name}`, part });
  }
  for (const o of view.options) {
    parameter.push({
      name: 'option',
      part: [
        { name: 'class', valueCoding: atc(o.drugClass) },
        { name: 'group', valueCode: o.group },
        ...(o.rank !== null ? [{ name: 'rank', valueInteger: o.rank }] : []),
        { name: 'predictedHba1cChangeMmolMol', valueDecimal: Math.round(o.predictedHba1cChangeMmolMol * 10) / 10 },
        { name: 'reason', valueString: o.reason },
      ],
    });
  }
  for (const p of view.missingData) parameter.push({ name: 'missingData', valueString: p.message });
  return { resourceType: 'Parameters', id: 'basis', parameter };
}

/**
 * A decision as a FHIR R4 GuidanceResponse: the module is the therapy model, the outcome the chosen
 * class (or none), the override reason as reasonCode with the free text as a note, and the whole basis
 * as contained Parameters, so the decision can be exported and re-read without the app.
 */
export function decisionResource(view: TRecommendationView, facts: DecisionFacts): GuidanceResponse {
  const top = view.options.find((o) => o.rank === 1)?.drugClass ?? null;
  return {
    resourceType: 'GuidanceResponse',
    id: facts.id,
    identifier: [{ system: DECISION_IDENTIFIER_SYSTEM, value: facts.id }],
    moduleUri: view.model.state === 'ready' ? `${THERAPY_MODEL_URI}|${view.model.version}` : THERAPY_MODEL_URI,
    status: 'success',
    subject: { identifier: { system: NATIONAL_HEALTH_ID_SYSTEM, value: view.nationalId } },
    occurrenceDateTime: facts.decidedAt.toISOString(),
    performer: { identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${facts.clinician.id}` }, display: facts.clinician.email },
    ...(facts.overrideReason ? { reasonCode: [{ coding: [{ system: OVERRIDE_REASON_SYSTEM, code: facts.overrideReason, display: OVERRIDE_REASONS[facts.overrideReason] }] }] } : {}),
    note: [
      { text: facts.action === 'accepted' ? `Accepted: ${facts.chosenClass ? DRUG_CLASSES[facts.chosenClass].label : 'no change'}${top && facts.chosenClass !== top ? ` (ranked below ${DRUG_CLASSES[top].label})` : ''}` : `Overridden: ${facts.chosenClass ? DRUG_CLASSES[facts.chosenClass].label : 'no change'} instead of ${top ? DRUG_CLASSES[top].label : 'no proposal'}` },
      ...(facts.note ? [{ text: facts.note }] : []),
    ],
    contained: [basisParameters(view)],
    outputParameters: { reference: '#basis' },
  };
}
