import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import { LABS, OTHER_LAB_CODES } from '@/server/terminology/labs';

/**
 * The CDS services this app offers (CDS Hooks 2.0 discovery, cds-hooks.hl7.org/2.0/#discovery), with
 * the prefetch templates an EHR fills in so the service needs no call back to the EHR's FHIR server.
 * Templates use only `{{context.patientId}}` (the spec's prefetch tokens); the validity windows (HbA1c
 * ≤ 6 months, eGFR and BMI ≤ 12 months, server/diabetes/features/) are applied by the service, so the
 * searches ask for the latest few results rather than a date range.
 */
const loinc = (...codes: string[]): string => codes.map((c) => `${CODE_SYSTEMS.loinc}|${c}`).join(',');
const latest = (codes: string, count: number): string => `Observation?subject=Patient/{{context.patientId}}&code=${codes}&_sort=-date&_count=${count}`;

export const PREFETCH = {
  patient: 'Patient/{{context.patientId}}',
  hba1c: latest(loinc(LABS.hba1cIfcc.loinc, LABS.hba1cPercent.loinc, OTHER_LAB_CODES.hba1cPercentAlt.loinc), 10),
  egfr: latest(loinc(LABS.egfr.loinc, OTHER_LAB_CODES.egfrMdrd.loinc, OTHER_LAB_CODES.egfrCkdEpi2021.loinc), 5),
  bmi: latest(loinc(LABS.bmi.loinc), 5),
  conditions: 'Condition?patient={{context.patientId}}',
  medications: 'MedicationRequest?patient={{context.patientId}}&status=active',
  /** The model's optional inputs: without them it answers from its missing-value branches, with wider intervals. */
  otherLabs: latest(
    loinc(LABS.alt.loinc, LABS.hdl.loinc, LABS.totalCholesterol.loinc, LABS.triglycerides.loinc, LABS.systolic.loinc, LABS.uacr.loinc, OTHER_LAB_CODES.uacrMgG.loinc),
    50,
  ),
} as const;

export type PrefetchKey = keyof typeof PREFETCH;

/** What a service cannot answer without (412 when absent). otherLabs is optional. */
export const REQUIRED_PREFETCH: readonly PrefetchKey[] = ['patient', 'hba1c', 'egfr', 'bmi', 'conditions', 'medications'];

export const CDS_SERVICES = {
  'd4h-diabetes-patient-view': {
    hook: 'patient-view',
    title: 'Type 2 diabetes therapy options (D4H Clinic)',
    description:
      'Guideline checks (ADA Standards of Care 2025, ADA/EASD 2022, FDA labels) and, when the record has the inputs, ranked add-on options from a model trained on synthetic digital twins. Decision support only; not for clinical use.',
  },
  'd4h-diabetes-order-select': {
    hook: 'order-select',
    title: 'Type 2 diabetes medication order check (D4H Clinic)',
    description:
      'Checks a glucose-lowering MedicationRequest being ordered against the guardrails (contraindications, kidney function, duplicate or futile combinations) and proposes alternatives.',
  },
} as const satisfies Record<string, { hook: string; title: string; description: string }>;

export type CdsServiceId = keyof typeof CDS_SERVICES;

export function isCdsServiceId(id: string): id is CdsServiceId {
  return Object.hasOwn(CDS_SERVICES, id);
}

/** The discovery response body. */
export function discoveryDocument() {
  return {
    services: (Object.keys(CDS_SERVICES) as CdsServiceId[]).map((id) => ({
      id,
      ...CDS_SERVICES[id],
      prefetch: { ...PREFETCH },
      usageRequirements: 'Register the EHR\'s issuer and public keys in cds-clients.json; every call carries a CDS Hooks JWT whose aud is the service URL.',
    })),
  };
}
