import type { Patient, Resource } from '@medplum/fhirtypes';
import type { GuardrailPatient } from '@/server/diabetes/guardrails/guardrail-patient';
import type { PatientFeatureAssembly } from '@/server/diabetes/features/feature-types';
import { assemblePatientFeatures, plainResources } from '@/server/diabetes/features/assemble-features';
import type { PatientFeatureName } from '@/server/diabetes/model/patient-features';
import type { RecommendationContext } from '@/server/diabetes/recommendation/recommend-therapy';
import { NATIONAL_HEALTH_ID_SYSTEM } from '@/server/terminology/code-systems';
import { CdsRequestError } from '@/server/cds-hooks/cds-errors';

/**
 * The EHR's patient as the services see it: the model features assembled from the prefetch
 * (server/diabetes/features/, the same code the app's own pages use), the guardrails' view, and the
 * national identifier for the link to the app. The guardrails need age, HbA1c and eGFR; without one
 * of them no card could be trusted, so the call is a 412 naming what is needed (CDS Hooks 2.0).
 */
export interface CdsPatient {
  assembly: PatientFeatureAssembly;
  guardrailPatient: GuardrailPatient;
  context: RecommendationContext;
  nationalId: string | null;
}

/**
 * The individual target when the EHR sends none: 53 mmol/mol (7 %), ADA Standards of Care 2025
 * section 6 (a common target; looser for older or frail adults, which only the clinician can judge).
 */
export const DEFAULT_TARGET_HBA1C_MMOL_MOL = 53;

const GUARDRAIL_INPUTS = ['ageYears', 'hba1cMmolMol', 'egfrMlMin173m2'] as const satisfies readonly PatientFeatureName[];

const PREFETCH_OF: Record<(typeof GUARDRAIL_INPUTS)[number], string> = { ageYears: 'patient', hba1cMmolMol: 'hba1c', egfrMlMin173m2: 'egfr' };

export function cdsPatientOf(resources: readonly Resource[], patientId: string, now: Date): CdsPatient {
  const patient = resources.find((r): r is Patient => r.resourceType === 'Patient' && (r.id === undefined || r.id === patientId));
  if (!patient) throw new CdsRequestError(412, `the Patient ${patientId} is needed (prefetch.patient)`, 'patient');
  // Only this patient's data: an EHR bundle with someone else's resources would mix two records.
  const own = resources.filter((r) => r.resourceType === 'Patient' ? r === patient : isOwn(subjectOf(r), patientId));
  const assembly = assemblePatientFeatures(plainResources(own), now);
  const missing = GUARDRAIL_INPUTS.filter((n) => assembly.features[n].value === null);
  if (missing.length > 0) {
    throw new CdsRequestError(412, `required data missing: ${missing.map((n) => assembly.features[n].reason ?? n).join('; ')}`, missing.map((n) => PREFETCH_OF[n]).join(','));
  }
  const value = (n: (typeof GUARDRAIL_INPUTS)[number]): number => assembly.features[n].value as number;
  const uacr = assembly.features.uacrMgMmol.value;
  const context: RecommendationContext = {
    targetHba1cMmolMol: DEFAULT_TARGET_HBA1C_MMOL_MOL,
    chronicKidneyDiagnosis: assembly.conditions.ckd.present,
    medullaryThyroidCarcinomaOrMen2: assembly.conditions.medullaryThyroidCarcinomaOrMen2.present,
  };
  return {
    assembly,
    context,
    nationalId: patient.identifier?.find((i) => i.system === NATIONAL_HEALTH_ID_SYSTEM)?.value ?? null,
    guardrailPatient: {
      ageYears: value('ageYears'),
      hba1cMmolMol: value('hba1cMmolMol'),
      egfrMlMin173m2: value('egfrMlMin173m2'),
      uacrMgMmol: uacr,
      heartFailure: assembly.conditions.heartFailure.present,
      ascvd: assembly.conditions.ascvd.present,
      chronicKidneyDiagnosis: context.chronicKidneyDiagnosis ?? false,
      medullaryThyroidCarcinomaOrMen2: context.medullaryThyroidCarcinomaOrMen2 ?? false,
      symptomaticHyperglycaemia: false,
      currentClasses: assembly.therapy.classes,
      targetHba1cMmolMol: DEFAULT_TARGET_HBA1C_MMOL_MOL,
    },
  };
}

/** A reference to this patient, relative (`Patient/1`) or absolute (`https://ehr/fhir/Patient/1`); no subject counts as own. */
const isOwn = (ref: string | null, patientId: string): boolean => ref === null || ref === `Patient/${patientId}` || ref.endsWith(`/Patient/${patientId}`);

function subjectOf(r: Resource): string | null {
  const ref = (r as { subject?: { reference?: string }; patient?: { reference?: string } }).subject ?? (r as { patient?: { reference?: string } }).patient;
  return ref?.reference ?? null;
}
