import type { Dosage } from '@medplum/fhirtypes';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import { ROUTES } from '@/server/terminology/medications';
import type { DiabetesMedicine } from '@/server/terminology/medications';

interface SyntheticDose {
  text: string;
  value: number;
  /** UCUM unit of one dose. */
  unit: 'mg' | '[IU]';
  /** Doses per period. */
  frequency: number;
  periodUnit: 'd' | 'wk';
  subcutaneous?: boolean;
}

/** The dose the generator prescribes of each diabetes medicine (usual maintenance doses, SmPCs). */
const DOSES: Record<DiabetesMedicine, SyntheticDose> = {
  metformin: { text: '1000 mg twice daily', value: 1000, unit: 'mg', frequency: 2, periodUnit: 'd' },
  empagliflozin: { text: '10 mg once daily', value: 10, unit: 'mg', frequency: 1, periodUnit: 'd' },
  dapagliflozin: { text: '10 mg once daily', value: 10, unit: 'mg', frequency: 1, periodUnit: 'd' },
  semaglutide: { text: '1 mg once weekly s.c.', value: 1, unit: 'mg', frequency: 1, periodUnit: 'wk', subcutaneous: true },
  liraglutide: { text: '1.2 mg once daily s.c.', value: 1.2, unit: 'mg', frequency: 1, periodUnit: 'd', subcutaneous: true },
  sitagliptin: { text: '100 mg once daily', value: 100, unit: 'mg', frequency: 1, periodUnit: 'd' },
  gliclazide: { text: '60 mg once daily', value: 60, unit: 'mg', frequency: 1, periodUnit: 'd' },
  pioglitazone: { text: '30 mg once daily', value: 30, unit: 'mg', frequency: 1, periodUnit: 'd' },
  glargine: { text: '20 units once daily s.c.', value: 20, unit: '[IU]', frequency: 1, periodUnit: 'd', subcutaneous: true },
  atorvastatin: { text: '20 mg once daily', value: 20, unit: 'mg', frequency: 1, periodUnit: 'd' },
  ramipril: { text: '5 mg once daily', value: 5, unit: 'mg', frequency: 1, periodUnit: 'd' },
};

/** A FHIR Dosage of the medicine: the text a hospital writes, and the same dose structured. */
export function syntheticDosage(medicine: DiabetesMedicine): Dosage {
  const d = DOSES[medicine];
  return {
    text: d.text,
    timing: { repeat: { frequency: d.frequency, period: 1, periodUnit: d.periodUnit } },
    ...(d.subcutaneous ? { route: { coding: [{ system: CODE_SYSTEMS.snomed, code: ROUTES.subcutaneous.code, display: ROUTES.subcutaneous.display }] } } : {}),
    doseAndRate: [{ doseQuantity: { value: d.value, unit: d.unit, system: CODE_SYSTEMS.ucum, code: d.unit } }],
  };
}
