import type { DiagnosticReport, Observation, Patient } from '@medplum/fhirtypes';
import { CODE_SYSTEMS as SYSTEMS, NATIONAL_HEALTH_ID_SYSTEM } from '@/server/terminology/code-systems';
import type { StoredResource } from '@/server/fhir/stored-resource';
import { GENOMICS_LOINC as G, MCODE } from '@/server/terminology/mcode';
import { patientIdAt } from './hospital-record';
import { REFERENCE_DATE, type Person } from './people';

export const GENOMICS_DATASET_ID = 'genomics' as const;

/**
 * The research institute's genomics lab result for an oncology patient: an mCODE GenomicsReport and,
 * when found, a GenomicVariant observation with HGVS (LOINC 69548-6 and components per mCODE STU3).
 */
export function genomicsRecord(provider: string, person: Person): StoredResource[] {
  const o = person.oncology;
  if (!o) return [];
  const patientId = patientIdAt(provider, person);
  const subject = { reference: `Patient/${patientId}` };
  const date = new Date(REFERENCE_DATE.getTime() - Math.max(1, o.diagnosedMonthsAgo - 1) * 30 * 86400_000).toISOString();
  const wrap = (resource: StoredResource['resource']): StoredResource => ({ resource, datasetId: GENOMICS_DATASET_ID, dataCategory: 'genomics', patientId, nationalId: person.nationalId });
  const patient: Patient & { id: string } = {
    resourceType: 'Patient',
    id: patientId,
    identifier: [{ use: 'official', system: NATIONAL_HEALTH_ID_SYSTEM, value: person.nationalId }],
    name: [{ family: person.familyName, given: [person.givenName] }],
    gender: person.sex,
    birthDate: person.birthDate,
  };
  const out: StoredResource[] = [{ ...wrap(patient), dataCategory: 'demographics' }];
  const variant = o.variantIndex === null ? undefined : o.cancer.variants[o.variantIndex];
  const variantId = `gv-${patientId}`;
  if (variant) {
    const obs: Observation & { id: string } = {
      resourceType: 'Observation',
      id: variantId,
      meta: { profile: [MCODE.genomicVariant] },
      status: 'final',
      category: [{ coding: [{ system: SYSTEMS.observationCategory, code: 'laboratory' }] }],
      code: { coding: [{ system: SYSTEMS.loinc, code: G.variantAssessment.code, display: G.variantAssessment.display }] },
      subject,
      effectiveDateTime: date,
      valueCodeableConcept: { coding: [{ system: SYSTEMS.loinc, code: G.present.code, display: G.present.display }] },
      method: { coding: [{ system: SYSTEMS.loinc, code: G.sequencing.code, display: G.sequencing.display }] },
      component: [
        { code: { coding: [{ system: SYSTEMS.loinc, code: G.geneStudied.code, display: G.geneStudied.display }] }, valueCodeableConcept: { coding: [{ system: SYSTEMS.hgnc, code: variant.hgnc, display: variant.gene }] } },
        { code: { coding: [{ system: SYSTEMS.loinc, code: G.dnaChange.code, display: G.dnaChange.display }] }, valueCodeableConcept: { coding: [{ system: SYSTEMS.hgvs, code: variant.cHgvs }] } },
        { code: { coding: [{ system: SYSTEMS.loinc, code: G.aminoAcidChange.code, display: G.aminoAcidChange.display }] }, valueCodeableConcept: { coding: [{ system: SYSTEMS.hgvs, code: variant.pHgvs }] } },
        { code: { coding: [{ system: SYSTEMS.loinc, code: G.sourceClass.code, display: G.sourceClass.display }] }, valueCodeableConcept: { coding: [{ system: SYSTEMS.loinc, code: G.somatic.code, display: G.somatic.display }] } },
      ],
    };
    out.push(wrap(obs));
  }
  const report: DiagnosticReport & { id: string } = {
    resourceType: 'DiagnosticReport',
    id: `gr-${patientId}`,
    meta: { profile: [MCODE.genomicsReport] },
    status: 'final',
    category: [{ coding: [{ system: SYSTEMS.diagnosticServiceSection, code: 'GE', display: 'Genetics' }] }],
    code: { coding: [{ system: SYSTEMS.loinc, code: G.report.code, display: G.report.display }] },
    subject,
    effectiveDateTime: date,
    issued: date,
    ...(variant ? { result: [{ reference: `Observation/${variantId}` }] } : {}),
    conclusion: variant
      ? `Somatic ${variant.gene} ${variant.pHgvs.split(':')[1] ?? ''} detected (tumour panel, synthetic).`
      : 'No actionable somatic variant detected in the tumour panel (synthetic).',
  };
  out.push(wrap(report));
  return out;
}
