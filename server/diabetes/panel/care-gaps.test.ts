import type { MedicationRequest, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { assemblePatientFeatures, plainResources } from '@/server/diabetes/features/assemble-features';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import { careGaps, lastTherapyChange } from './care-gaps';

const NOW = new Date('2026-06-01T00:00:00Z');
const day = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString().slice(0, 10);
let n = 0;
const hba1c = (value: number, daysAgo: number): Resource => ({ resourceType: 'Observation', id: `h${(n += 1)}`, status: 'final', code: { coding: [{ system: CODE_SYSTEMS.loinc, code: '59261-8' }] }, effectiveDateTime: day(daysAgo), valueQuantity: { value, unit: 'mmol/mol', code: 'mmol/mol' } });
const egfr = (value: number): Resource => ({ resourceType: 'Observation', id: `e${(n += 1)}`, status: 'final', code: { coding: [{ system: CODE_SYSTEMS.loinc, code: '62238-1' }] }, effectiveDateTime: day(10), valueQuantity: { value, unit: 'mL/min/{1.73_m2}', code: 'mL/min/{1.73_m2}' } });
const cond = (snomed: string): Resource => ({ resourceType: 'Condition', id: `c${(n += 1)}`, subject: {}, code: { coding: [{ system: CODE_SYSTEMS.snomed, code: snomed }] }, onsetDateTime: '2020-01-01' });
const rx = (atc: string, authored: string, status: MedicationRequest['status'] = 'active'): MedicationRequest => ({ resourceType: 'MedicationRequest', id: `r${(n += 1)}`, status, intent: 'order', subject: {}, authoredOn: authored, medicationCodeableConcept: { coding: [{ system: CODE_SYSTEMS.atc, code: atc }] } });

const gapsOf = (resources: Resource[], target = 53) => {
  const requests = resources.filter((r): r is MedicationRequest => r.resourceType === 'MedicationRequest');
  return careGaps(assemblePatientFeatures(plainResources(resources), NOW), target, lastTherapyChange(requests), NOW).map((g) => g.code);
};

describe('careGaps', () => {
  it('heart failure without an SGLT2 inhibitor, and not once one is prescribed', () => {
    expect(gapsOf([cond('84114007'), hba1c(60, 10), egfr(70)])).toContain('hf-without-sglt2i');
    expect(gapsOf([cond('84114007'), hba1c(60, 10), egfr(70), rx('A10BK01', day(30))])).not.toContain('hf-without-sglt2i');
  });

  it('CKD by eGFR < 60 without an SGLT2 inhibitor, only while eGFR ≥ 20 (not started below)', () => {
    expect(gapsOf([hba1c(60, 10), egfr(45)])).toContain('ckd-without-sglt2i');
    expect(gapsOf([hba1c(60, 10), egfr(18)])).not.toContain('ckd-without-sglt2i');
  });

  it('ASCVD without GLP-1 RA or SGLT2i', () => {
    expect(gapsOf([cond('22298006'), hba1c(60, 10), egfr(80)])).toContain('ascvd-without-protection');
    expect(gapsOf([cond('22298006'), hba1c(60, 10), egfr(80), rx('A10BJ06', day(60))])).not.toContain('ascvd-without-protection');
  });

  it('HbA1c above the goal for more than 6 months without a therapy change', () => {
    const above = [hba1c(66, 400), hba1c(64, 200), hba1c(65, 10), egfr(80), rx('A10BA02', day(900))];
    expect(gapsOf(above)).toContain('above-target-no-change');
    // A new prescription since the first high value is a change.
    expect(gapsOf([...above, rx('A10BH01', day(100))])).not.toContain('above-target-no-change');
    // A value at goal in between restarts the clock.
    expect(gapsOf([hba1c(66, 400), hba1c(50, 150), hba1c(65, 10), egfr(80)])).not.toContain('above-target-no-change');
    // Above a looser goal it is not a gap.
    expect(gapsOf(above, 70)).not.toContain('above-target-no-change');
    // A stopped prescription is a change too.
    expect(lastTherapyChange([rx('A10BA02', day(900)), rx('A10BB09', day(50), 'stopped')])).toBe(day(50));
  });

  it('HbA1c and eGFR overdue', () => {
    expect(gapsOf([hba1c(60, 250)])).toEqual(expect.arrayContaining(['hba1c-overdue', 'egfr-overdue']));
    expect(gapsOf([hba1c(60, 20), egfr(80)])).toEqual([]);
  });
});
