import type { CodeableConcept, DiagnosticReport, Observation, ObservationComponent, Patient, Reference } from '@medplum/fhirtypes';
import { CODE_SYSTEMS as SYSTEMS, NATIONAL_HEALTH_ID_SYSTEM } from '@/server/terminology/code-systems';
import type { CancerVariant } from '@/server/terminology/cancers';
import type { DataCategory } from '@/server/fhir/data-category';
import type { StoredResource } from '@/server/fhir/stored-resource';
import { GENOMICS_LOINC as G, MCODE, SEQUENCE_ONTOLOGY } from '@/server/terminology/mcode';
import { patientIdAt } from './hospital-record';
import { oncologyCourse } from './oncology-course';
import { REFERENCE_DATE, type Person } from './people';

export const GENOMICS_DATASET_ID = 'genomics' as const;

const loinc = (c: { code: string; display: string }): CodeableConcept => ({ coding: [{ system: SYSTEMS.loinc, code: c.code, display: c.display }] });
const component = (code: { code: string; display: string }, value: CodeableConcept): ObservationComponent => ({ code: loinc(code), valueCodeableConcept: value });
const LAB: CodeableConcept[] = [{ coding: [{ system: SYSTEMS.observationCategory, code: 'laboratory' }] }];

/** The components of a GenomicVariant (Genomics Reporting IG STU2, as mCODE STU4 profiles it). */
function variantComponents(v: CancerVariant): ObservationComponent[] {
  const gene = (g: { gene: string; hgnc: string }) => component(G.geneStudied, { coding: [{ system: SYSTEMS.hgnc, code: g.hgnc, display: g.gene }] });
  const out: ObservationComponent[] = [];
  if (v.partner) out.push(gene(v.partner));
  out.push(gene(v));
  if (v.cHgvs) out.push(component(G.dnaChange, { coding: [{ system: SYSTEMS.hgvs, code: v.cHgvs }] }));
  if (v.pHgvs) out.push(component(G.aminoAcidChange, { coding: [{ system: SYSTEMS.hgvs, code: v.pHgvs }] }));
  if (v.kind === 'fusion') out.push(component(G.dnaChangeType, { coding: [{ system: SYSTEMS.sequenceOntology, ...SEQUENCE_ONTOLOGY.gene_fusion }] }));
  if (v.kind === 'amplification') {
    out.push(component(G.dnaChangeType, { coding: [{ system: SYSTEMS.sequenceOntology, ...SEQUENCE_ONTOLOGY.copy_number_gain }] }));
    out.push({ code: loinc(G.copyNumber), valueQuantity: { value: 12, system: SYSTEMS.ucum, code: '1', unit: 'copies' } });
  }
  out.push(component(G.sourceClass, loinc(G.somatic)));
  return out;
}

/**
 * A tumour panel's results for an oncology patient, as the lab reports them: an mCODE GenomicsReport
 * with a GenomicVariant (HGVS-named sequence variant, amplification or fusion) when one was found, and
 * MSI and TMB as tumour-marker tests. The research institute's lab holds them; the treating hospital
 * files a copy (the report it received) in its own record.
 */
export function molecularReport(input: { patientId: string; person: Person; datasetId: string; seed?: number }): StoredResource[] {
  const { person, patientId, datasetId } = input;
  const o = person.oncology;
  const course = oncologyCourse(person, input.seed);
  if (!o || !course) return [];
  const subject: Reference<Patient> = { reference: `Patient/${patientId}` };
  const date = new Date(REFERENCE_DATE.getTime() - Math.max(1, o.diagnosedMonthsAgo - 1) * 30 * 86400_000).toISOString();
  const wrap = (resource: StoredResource['resource'], dataCategory: DataCategory = 'genomics'): StoredResource => ({ resource, datasetId, dataCategory, patientId, nationalId: person.nationalId });
  const out: StoredResource[] = [];
  const variant = o.variantIndex === null ? undefined : o.cancer.variants[o.variantIndex];
  const variantId = `gv-${patientId}`;
  if (variant) {
    const obs: Observation & { id: string } = {
      resourceType: 'Observation',
      id: variantId,
      meta: { profile: [MCODE.genomicVariant] },
      status: 'final',
      category: LAB,
      code: loinc(G.variantAssessment),
      subject,
      effectiveDateTime: date,
      valueCodeableConcept: loinc(G.present),
      method: loinc(G.sequencing),
      component: variantComponents(variant),
    };
    out.push(wrap(obs));
  }
  const msiId = `msi-${patientId}`;
  const tmbId = `tmb-${patientId}`;
  const msi: Observation & { id: string } = {
    resourceType: 'Observation',
    id: msiId,
    meta: { profile: [MCODE.tumorMarker] },
    status: 'final',
    category: LAB,
    code: loinc(G.msi),
    subject,
    effectiveDateTime: date,
    valueCodeableConcept: { text: course.msiHigh ? 'MSI-H (microsatellite instability-high)' : 'MSS (microsatellite stable)' },
    interpretation: [{ coding: [{ system: SYSTEMS.observationInterpretation, code: course.msiHigh ? 'H' : 'N', display: course.msiHigh ? 'High' : 'Normal' }] }],
  };
  // TMB-high from 10 mutations/Mb (FDA pembrolizumab TMB-H approval, 2020).
  const tmb: Observation & { id: string } = {
    resourceType: 'Observation',
    id: tmbId,
    meta: { profile: [MCODE.tumorMarker] },
    status: 'final',
    category: LAB,
    code: loinc(G.tmb),
    subject,
    effectiveDateTime: date,
    valueQuantity: { value: course.tmb, unit: 'mutations/Mb', system: SYSTEMS.ucum, code: '/10*6{bases}' },
    interpretation: [{ coding: [{ system: SYSTEMS.observationInterpretation, code: course.tmb >= 10 ? 'H' : 'N', display: course.tmb >= 10 ? 'High' : 'Normal' }] }],
  };
  out.push(wrap(msi), wrap(tmb));
  const findings = [variant ? `somatic ${variant.label}${variant.pHgvs ? ` (${variant.pHgvs.split(':')[1] ?? ''})` : ''}` : 'no actionable somatic variant', course.msiHigh ? 'MSI-H' : 'MSS', `TMB ${course.tmb} mut/Mb`];
  const report: DiagnosticReport & { id: string } = {
    resourceType: 'DiagnosticReport',
    id: `gr-${patientId}`,
    meta: { profile: [MCODE.genomicsReport] },
    status: 'final',
    category: [{ coding: [{ system: SYSTEMS.diagnosticServiceSection, code: 'GE', display: 'Genetics' }] }],
    code: loinc(G.report),
    subject,
    effectiveDateTime: date,
    issued: date,
    result: [...(variant ? [{ reference: `Observation/${variantId}` }] : []), { reference: `Observation/${msiId}` }, { reference: `Observation/${tmbId}` }],
    conclusion: `Tumour panel (synthetic): ${findings.join('; ')}.`,
  };
  out.push(wrap(report));
  return out;
}

/** The research institute's genomics lab record of an oncology patient: the Patient and the tumour panel. */
export function genomicsRecord(provider: string, person: Person, seed?: number): StoredResource[] {
  if (!person.oncology) return [];
  const patientId = patientIdAt(provider, person);
  const patient: Patient & { id: string } = {
    resourceType: 'Patient',
    id: patientId,
    identifier: [{ use: 'official', system: NATIONAL_HEALTH_ID_SYSTEM, value: person.nationalId }],
    name: [{ family: person.familyName, given: [person.givenName] }],
    gender: person.sex,
    birthDate: person.birthDate,
  };
  return [{ resource: patient, datasetId: GENOMICS_DATASET_ID, dataCategory: 'demographics', patientId, nationalId: person.nationalId }, ...molecularReport({ patientId, person, datasetId: GENOMICS_DATASET_ID, seed })];
}
