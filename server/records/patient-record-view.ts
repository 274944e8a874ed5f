import type { CodeableConcept, Condition, DiagnosticReport, MedicationRequest, MedicationStatement, Observation, Patient, Procedure, Resource } from '@medplum/fhirtypes';
import type { FanOutResult, SourcedResource } from '@/server/dataspace/consumer/record-fan-out';
import type { TRecordOutput, TSource } from '@/server/api/routers/patients/record.schema';
import { MCODE } from '@/server/terminology/mcode';
import { CODE_SYSTEMS, NATIONAL_HEALTH_ID_SYSTEM } from '@/server/terminology/code-systems';
import { hba1cBothUnits } from './hba1c';

const LOINC = CODE_SYSTEMS.loinc;
const ATC = CODE_SYSTEMS.atc;

/** mCODE profiles shown in the oncology section, with the kind label the UI translates. */
const ONCOLOGY_KINDS: Record<string, string> = {
  [MCODE.primaryCancerCondition]: 'primaryCancer',
  [MCODE.tnmT]: 'tnmT',
  [MCODE.tnmN]: 'tnmN',
  [MCODE.tnmM]: 'tnmM',
  [MCODE.stageGroup]: 'stageGroup',
  [MCODE.tumorMarker]: 'tumourMarker',
  [MCODE.ecog]: 'ecog',
  [MCODE.diseaseStatus]: 'diseaseStatus',
  [MCODE.surgery]: 'surgery',
  [MCODE.radiotherapy]: 'radiotherapy',
  [MCODE.medicationRequest]: 'systemicTherapy',
  [MCODE.genomicVariant]: 'genomicVariant',
  [MCODE.genomicsReport]: 'genomicsReport',
};

const text = (c: CodeableConcept | undefined): string => c?.text ?? c?.coding?.find((x) => x.display)?.display ?? c?.coding?.[0]?.code ?? '—';
const codeIn = (c: CodeableConcept | undefined, system: string): string | null => c?.coding?.find((x) => x.system === system)?.code ?? null;
const firstCode = (c: CodeableConcept | undefined): string | null => c?.coding?.[0]?.code ?? null;
const source = (s: SourcedResource['source']): TSource => ({ providerId: s.providerId, datasetId: s.datasetId, agreementId: s.agreementId, fhirUrl: s.fhirUrl });
const oncologyKind = (r: Resource): string | null => (r.meta?.profile ?? []).map((p) => ONCOLOGY_KINDS[p]).find((k): k is string => Boolean(k)) ?? null;
const byDateDesc = <T extends { date: string | null }>(a: T, b: T) => (b.date ?? '').localeCompare(a.date ?? '');

function observationText(o: Observation): string | null {
  if (o.valueCodeableConcept) return text(o.valueCodeableConcept);
  if (o.valueString) return o.valueString;
  const components = (o.component ?? []).map((c) => c.valueCodeableConcept?.coding?.[0]?.display ?? c.valueCodeableConcept?.coding?.[0]?.code).filter(Boolean);
  return components.length > 0 ? components.join(' · ') : null;
}

/**
 * The clinician's view of a fan-out: one patient (however many providers hold them), each item with
 * its source, and the mCODE items of an oncology case gathered in their own section.
 */
export function patientRecordView(result: FanOutResult, legalNames: Map<string, string>): Omit<TRecordOutput, 'access'> {
  const view: Omit<TRecordOutput, 'access'> = {
    nationalId: result.nationalId,
    locator: { ok: result.locatorOk, detail: result.locatorDetail },
    patient: null,
    providers: result.providers.map((p) => ({ providerId: p.providerId, legalName: legalNames.get(p.providerId) ?? null, status: p.status, detail: p.detail, consent: p.consent, agreementId: p.agreementId, resources: p.resources, truncated: p.truncated, elapsedMs: p.elapsedMs })),
    conditions: [],
    observations: [],
    medications: [],
    procedures: [],
    reports: [],
    oncology: [],
  };
  const patients: Array<{ p: Patient; s: SourcedResource['source'] }> = [];
  for (const { resource, source: s } of result.resources) {
    const id = `${s.providerId}/${resource.resourceType}/${resource.id ?? ''}`;
    const src = source(s);
    const kind = oncologyKind(resource);
    switch (resource.resourceType) {
      case 'Patient':
        patients.push({ p: resource, s });
        break;
      case 'Condition': {
        const c = resource as Condition;
        const date = c.onsetDateTime ?? c.recordedDate ?? null;
        view.conditions.push({ id, source: src, date, display: text(c.code), codes: (c.code?.coding ?? []).map((x) => ({ system: x.system ?? null, code: x.code ?? '', display: x.display ?? null })), clinicalStatus: firstCode(c.clinicalStatus), oncology: kind !== null });
        if (kind) view.oncology.push({ id, source: src, date, kind, label: text(c.code), value: c.extension?.[0]?.valueCodeableConcept ? text(c.extension[0].valueCodeableConcept) : null, code: firstCode(c.code) });
        break;
      }
      case 'Observation': {
        const o = resource as Observation;
        const loinc = codeIn(o.code, LOINC);
        const value = o.valueQuantity?.value ?? null;
        const date = o.effectiveDateTime ?? o.issued ?? null;
        if (kind) view.oncology.push({ id, source: src, date, kind, label: text(o.code), value: value !== null ? `${value} ${o.valueQuantity?.unit ?? ''}`.trim() : observationText(o), code: loinc });
        else view.observations.push({ id, source: src, date, loinc, display: text(o.code), value, text: value === null ? observationText(o) : null, unit: o.valueQuantity?.unit ?? null, category: firstCode(o.category?.[0]), hba1c: hba1cBothUnits(loinc, value) });
        break;
      }
      case 'MedicationRequest':
      case 'MedicationStatement': {
        const m = resource as MedicationRequest | MedicationStatement;
        const isRequest = m.resourceType === 'MedicationRequest';
        const date = isRequest ? ((m as MedicationRequest).authoredOn ?? null) : ((m as MedicationStatement).effectivePeriod?.start ?? (m as MedicationStatement).effectiveDateTime ?? (m as MedicationStatement).dateAsserted ?? null);
        const dosage = isRequest ? ((m as MedicationRequest).dosageInstruction?.[0]?.text ?? null) : ((m as MedicationStatement).dosage?.[0]?.text ?? null);
        view.medications.push({ id, source: src, date, kind: isRequest ? 'request' : 'statement', atc: codeIn(m.medicationCodeableConcept, ATC), display: text(m.medicationCodeableConcept), status: m.status ?? null, dosage });
        if (kind) view.oncology.push({ id, source: src, date, kind, label: text(m.medicationCodeableConcept), value: dosage, code: codeIn(m.medicationCodeableConcept, ATC) });
        break;
      }
      case 'Procedure': {
        const p = resource as Procedure;
        const date = p.performedDateTime ?? p.performedPeriod?.start ?? null;
        view.procedures.push({ id, source: src, date, display: text(p.code), code: firstCode(p.code) });
        if (kind) view.oncology.push({ id, source: src, date, kind, label: text(p.code), value: null, code: firstCode(p.code) });
        break;
      }
      case 'DiagnosticReport': {
        const d = resource as DiagnosticReport;
        const date = d.effectiveDateTime ?? d.issued ?? null;
        view.reports.push({ id, source: src, date, display: text(d.code), code: firstCode(d.code), conclusion: d.conclusion ?? null });
        if (kind) view.oncology.push({ id, source: src, date, kind, label: text(d.code), value: d.conclusion ?? null, code: firstCode(d.code) });
        break;
      }
      default:
        break;
    }
  }
  const first = patients[0]?.p;
  if (first) {
    const name = first.name?.[0];
    view.patient = {
      name: [name?.given?.join(' '), name?.family].filter(Boolean).join(' ') || result.nationalId,
      gender: first.gender ?? null,
      birthDate: first.birthDate ?? null,
      sources: patients.map(({ p, s }) => ({ ...source(s), localIdentifier: p.identifier?.find((i) => i.system !== NATIONAL_HEALTH_ID_SYSTEM)?.value ?? p.id ?? null })),
    };
  }
  view.conditions.sort(byDateDesc);
  view.observations.sort(byDateDesc);
  view.medications.sort(byDateDesc);
  view.procedures.sort(byDateDesc);
  view.reports.sort(byDateDesc);
  view.oncology.sort(byDateDesc);
  return view;
}
