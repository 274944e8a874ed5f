import type { CodeableConcept, Medication, MedicationRequest } from '@medplum/fhirtypes';
import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import type { FeatureProvenance, TherapyItem } from './feature-types';

/**
 * Diabetes medicines (ATC A10, WHO ATC/DDD index 2025) → the model's classes. Longest prefix wins, so
 * a fixed combination (A10BD…) maps to both its classes. Every insulin (A10A) counts as insulin for the
 * guardrails: a patient on any insulin is outside the model's add-on setting.
 */
const ATC_CLASSES: ReadonlyArray<readonly [string, readonly DrugClassId[]]> = [
  ['A10BD02', ['metformin', 'sulfonylurea']],
  ['A10BD05', ['metformin', 'tzd']],
  ['A10BD07', ['metformin', 'dpp4i']],
  ['A10BD08', ['metformin', 'dpp4i']],
  ['A10BD15', ['metformin', 'sglt2i']],
  ['A10BD20', ['metformin', 'sglt2i']],
  ['A10AE54', ['basalInsulin', 'glp1ra']],
  ['A10AE56', ['basalInsulin', 'glp1ra']],
  ['A10BA', ['metformin']],
  ['A10BB', ['sulfonylurea']],
  ['A10BG', ['tzd']],
  ['A10BH', ['dpp4i']],
  ['A10BJ', ['glp1ra']],
  ['A10BK', ['sglt2i']],
  ['A10A', ['basalInsulin']],
];

/** The model's classes of an ATC code; [] for a diabetes medicine without one (shown, not counted). */
export function classesOfAtc(atc: string): DrugClassId[] {
  const hit = ATC_CLASSES.filter(([prefix]) => atc.startsWith(prefix)).sort((a, b) => b[0].length - a[0].length)[0];
  return hit ? [...hit[1]] : [];
}

/** Intents of a request the patient actually takes (not a proposal or plan), FHIR R4 medicationrequest-intent. */
const TAKEN_INTENTS = new Set(['order', 'original-order', 'reflex-order', 'filler-order', 'instance-order']);

function conceptOf(m: MedicationRequest, medications: ReadonlyMap<string, Medication>): CodeableConcept | undefined {
  if (m.medicationCodeableConcept) return m.medicationCodeableConcept;
  const ref = m.medicationReference?.reference;
  if (!ref) return undefined;
  const contained = ref.startsWith('#') ? m.contained?.find((r): r is Medication => r.resourceType === 'Medication' && r.id === ref.slice(1)) : undefined;
  return (contained ?? medications.get(ref))?.code;
}

/**
 * The diabetes therapy a patient is on now: active MedicationRequests (not stopped, completed, on hold
 * or past their validity period), newest first. Medications referenced by id are looked up among the
 * Medication resources given, or the request's contained ones.
 */
export function currentTherapy(
  requests: ReadonlyArray<{ request: MedicationRequest; provenance: FeatureProvenance }>,
  medications: ReadonlyMap<string, Medication>,
  now: Date,
): TherapyItem[] {
  const items: TherapyItem[] = [];
  for (const { request, provenance } of requests) {
    if (request.status !== 'active' || !TAKEN_INTENTS.has(request.intent)) continue;
    const end = request.dispenseRequest?.validityPeriod?.end;
    if (end && new Date(end).getTime() < now.getTime()) continue;
    const concept = conceptOf(request, medications);
    const atc = concept?.coding?.find((c) => c.system === CODE_SYSTEMS.atc)?.code ?? null;
    if (!atc?.startsWith('A10')) continue;
    items.push({
      drugClasses: classesOfAtc(atc),
      atc,
      name: concept?.text ?? concept?.coding?.find((c) => c.display)?.display ?? atc,
      authoredOn: request.authoredOn ?? null,
      source: provenance,
    });
  }
  return items.sort((a, b) => (b.authoredOn ?? '').localeCompare(a.authoredOn ?? ''));
}
