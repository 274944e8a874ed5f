import type { Resource } from '@medplum/fhirtypes';
import { CODE_SYSTEMS, NATIONAL_HEALTH_ID_SYSTEM } from '@/server/terminology/code-systems';
import { CONDITIONS } from '@/server/terminology/conditions';
import { LABS } from '@/server/terminology/labs';
import { DIABETES_MEDICINES } from '@/server/terminology/medications';
import type { PrefetchKey } from '@/server/cds-hooks/services';

/**
 * A synthetic patient as an EHR holds it, in the prefetch an EHR sends for the discovery templates:
 * the minimum (Patient, HbA1c, eGFR, BMI, Conditions, active medications). For tests and benchmarks.
 */
export interface EhrPatientOptions {
  id?: string;
  nationalId?: string;
  egfr?: number | null;
  hba1cMmolMol?: number;
  heartFailure?: boolean;
  onMetformin?: boolean;
  now?: Date;
}

const daysAgo = (now: Date, d: number): string => new Date(now.getTime() - d * 86_400_000).toISOString();

const observation = (id: string, patientId: string, loinc: { loinc: string; display: string; unit: string }, value: number, date: string): Resource => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: CODE_SYSTEMS.loinc, code: loinc.loinc, display: loinc.display }] },
  subject: { reference: `Patient/${patientId}` },
  effectiveDateTime: date,
  valueQuantity: { value, unit: loinc.unit, system: CODE_SYSTEMS.ucum, code: loinc.unit },
});

const searchset = (resources: Resource[]) => ({ resourceType: 'Bundle' as const, type: 'searchset' as const, total: resources.length, entry: resources.map((resource) => ({ resource })) });

export function ehrPrefetch(o: EhrPatientOptions = {}): Record<PrefetchKey, unknown> {
  const now = o.now ?? new Date();
  const id = o.id ?? 'ehr-pt-1';
  const condition = (cid: string, c: { snomed: string; display: string }, onsetDays: number): Resource => ({
    resourceType: 'Condition',
    id: cid,
    clinicalStatus: { coding: [{ system: CODE_SYSTEMS.conditionClinical, code: 'active' }] },
    verificationStatus: { coding: [{ system: CODE_SYSTEMS.conditionVerification, code: 'confirmed' }] },
    code: { coding: [{ system: CODE_SYSTEMS.snomed, code: c.snomed, display: c.display }] },
    subject: { reference: `Patient/${id}` },
    onsetDateTime: daysAgo(now, onsetDays),
  });
  return {
    patient: {
      resourceType: 'Patient',
      id,
      identifier: [{ system: NATIONAL_HEALTH_ID_SYSTEM, value: o.nationalId ?? '1961032512345' }],
      gender: 'male',
      birthDate: '1961-03-25',
    },
    hba1c: searchset([observation(`${id}-hba1c`, id, LABS.hba1cIfcc, o.hba1cMmolMol ?? 68, daysAgo(now, 20))]),
    egfr: searchset(o.egfr === null ? [] : [observation(`${id}-egfr`, id, LABS.egfr, o.egfr ?? 72, daysAgo(now, 30))]),
    bmi: searchset([observation(`${id}-bmi`, id, LABS.bmi, 31.5, daysAgo(now, 40))]),
    conditions: searchset([
      condition(`${id}-t2d`, CONDITIONS.type2Diabetes, 8 * 365),
      ...(o.heartFailure ? [condition(`${id}-hf`, CONDITIONS.heartFailure, 700)] : []),
    ]),
    medications: searchset(
      o.onMetformin === false
        ? []
        : [
            {
              resourceType: 'MedicationRequest',
              id: `${id}-met`,
              status: 'active',
              intent: 'order',
              subject: { reference: `Patient/${id}` },
              authoredOn: daysAgo(now, 3 * 365),
              medicationCodeableConcept: { coding: [{ system: CODE_SYSTEMS.atc, code: DIABETES_MEDICINES.metformin.atc, display: 'metformin' }] },
            },
          ],
    ),
    otherLabs: null,
  };
}
