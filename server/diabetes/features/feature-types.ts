import type { Resource } from '@medplum/fhirtypes';
import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import type { TTherapyModelInput } from '@/server/diabetes/model/input-schema';
import type { PatientFeatureName } from '@/server/diabetes/model/patient-features';
import type { DiabetesConditionGroup } from '@/server/terminology/diabetes-codes';

/**
 * Where a resource came from: a provider under an agreement (the merged record's fan-out), or nothing
 * (an EHR's own data, as a CDS Hooks prefetch sends it). Structurally the fan-out's ResourceSource, so
 * its SourcedResource list passes as it is.
 */
export interface FeatureResourceSource {
  providerId: string;
  datasetId: string;
  agreementId: string;
  fhirUrl: string | null;
}

export interface FeatureResource {
  resource: Resource;
  source?: FeatureResourceSource | null;
}

/** The resource behind a feature: id and version at its holder, the provider and agreement (null without a dataspace source). */
export interface FeatureProvenance {
  /** `ResourceType/id`. */
  resource: string;
  versionId: string | null;
  providerId: string | null;
  datasetId: string | null;
  agreementId: string | null;
  fhirUrl: string | null;
  /** The clinical date of the resource (effective time, onset, authored on). */
  date: string | null;
}

export const FEATURE_STATUSES = ['present', 'absent', 'missing', 'outOfRange'] as const;
/**
 * present: a usable value; absent: a condition or therapy not recorded (0, which the model reads as no);
 * missing: no usable value (none, too old, or in a unit not understood); outOfRange: a value outside
 * what the model was trained on.
 */
export type FeatureStatus = (typeof FEATURE_STATUSES)[number];

export interface AssembledFeature {
  name: PatientFeatureName;
  status: FeatureStatus;
  /** In the model's unit (PATIENT_FEATURES[name].unit); null when missing. */
  value: number | null;
  unit: string;
  /** The value as the source reported it, when it was converted or computed. */
  reported: { value: number; unit: string } | null;
  /** How the value was obtained from the resources, when not read as is (a conversion, a formula). */
  derivation: string | null;
  date: string | null;
  sources: FeatureProvenance[];
  /** Why the value is missing or refused (the model's `needs` text, the stale value, the range). */
  reason: string | null;
}

export interface ConditionFinding {
  present: boolean;
  /** Earliest onset among the matching conditions. */
  onset: string | null;
  sources: FeatureProvenance[];
}

export interface TherapyItem {
  /** The model's classes (two for a fixed combination); empty for a diabetes medicine the model has no class for. */
  drugClasses: DrugClassId[];
  atc: string | null;
  name: string;
  authoredOn: string | null;
  source: FeatureProvenance;
}

export interface SeriesPoint {
  /** Calendar day (YYYY-MM-DD). */
  date: string;
  value: number;
  /** HbA1c in % beside mmol/mol; null for other series. */
  beside: number | null;
  sources: FeatureProvenance[];
}

export type RefusalKind = 'missing' | 'outOfRange' | 'outOfScope';

/** Why the model gives no output for this patient; each names what is needed or wrong. */
export interface FeatureRefusal {
  feature: PatientFeatureName | 'currentTherapy';
  kind: RefusalKind;
  message: string;
}

export interface PatientFeatureAssembly {
  /** The "now" the validity windows were measured from (ISO). */
  now: string;
  features: Record<PatientFeatureName, AssembledFeature>;
  /** The model input, or null when anything in `refusals`: required inputs are never imputed. */
  modelInput: TTherapyModelInput | null;
  refusals: FeatureRefusal[];
  /** Optional inputs without a usable value: the model answers with its missing-value branches. */
  missingOptional: PatientFeatureName[];
  conditions: Record<DiabetesConditionGroup, ConditionFinding>;
  therapy: {
    /** Active diabetes prescriptions, newest first. */
    current: TherapyItem[];
    /** Every class the patient takes (for the guardrails: a class taken is not proposed again). */
    classes: DrugClassId[];
  };
  patient: { birthDate: string | null; sex: 'female' | 'male' | null; sources: FeatureProvenance[] };
  series: { hba1c: SeriesPoint[]; weight: SeriesPoint[]; bmi: SeriesPoint[]; egfr: SeriesPoint[] };
}
