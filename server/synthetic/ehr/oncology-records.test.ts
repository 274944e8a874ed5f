import type { Observation, Patient, Resource } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { validateMcode } from '@/server/fhir/testing/mcode-profiles';
import { validateFhirR4 } from '@/server/fhir/testing/fhir-schema';
import type { StoredResource } from '@/server/fhir/stored-resource';
import { PROVIDER_IDS } from '@/server/synthetic/demo-people';
import { MCODE } from '@/server/terminology/mcode';
import { recordsAt } from './population';

const PER_HOSPITAL = 1200;
const PROVIDERS = [PROVIDER_IDS.alzette, PROVIDER_IDS.moselle, PROVIDER_IDS.research] as const;

// Every oncology patient's records at the two hospitals and the research institute's lab.
const records = PROVIDERS.flatMap((provider) => [...recordsAt(provider, PER_HOSPITAL)].filter((r) => r.person.oncology).map((r) => ({ provider, ...r })));
const all: Array<StoredResource & { provider: string; shape: string }> = records.flatMap((r) =>
  r.resources.map((s) => ({ ...s, provider: r.provider, shape: `${r.person.oncology?.cancer.key}|${r.person.oncology?.stage}|${r.person.oncology?.variantIndex}` })),
);
const mcode = all.filter((s) => (s.resource.meta?.profile ?? []).some((p) => p.startsWith('http://hl7.org/fhir/us/mcode/')));
const byProfile = (profile: string) => mcode.filter((s) => s.resource.meta?.profile?.includes(profile)).map((s) => s.resource);
const codeOf = (o: Resource) => (o as Observation).code?.coding?.[0]?.code;
const text = (r: Resource) => JSON.stringify(r);

describe('synthetic oncology records (mCODE STU4)', () => {
  it('every oncology resource validates against the FHIR R4 JSON schema', () => {
    const bad = all.map((s) => ({ id: s.resource.id, problems: validateFhirR4(s.resource) })).filter((x) => x.problems.length > 0);
    expect(bad.slice(0, 5)).toEqual([]);
  }, 120_000);

  it('every kind of resource claiming an mCODE profile validates against mCODE STU4 (hl7.fhir.us.mcode 4.0.0)', () => {
    expect(mcode.length).toBeGreaterThan(3000);
    // The validator takes ~30 ms a resource: check one of every profile for every provider, cancer,
    // stage and variant (every shape the generator makes), and all of the demo patients'.
    const seen = new Map<string, number>();
    const sample = mcode.filter((s) => {
      const key = `${s.provider}|${s.shape}|${s.resource.meta?.profile?.join()}|${s.resource.resourceType === 'MedicationRequest' ? JSON.stringify(s.resource.status) : ''}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
      return (seen.get(key) ?? 0) <= 1 || s.patientId.includes('demo');
    });
    expect(sample.length).toBeGreaterThan(500);
    const bad = sample.map((s) => ({ id: s.resource.id, problems: validateMcode(s.resource) })).filter((x) => x.problems.length > 0);
    expect(bad.slice(0, 5)).toEqual([]);
  }, 180_000);

  it('the slices the validator cannot check (references by profile) hold: report results and stage-group members resolve to the right profiles', () => {
    const index = new Map(all.map((s) => [`${s.provider}|${s.resource.resourceType}/${s.resource.id}`, s.resource]));
    const targetProfiles = (provider: string, refs: Array<{ reference?: string }> | undefined) => (refs ?? []).map((ref) => index.get(`${provider}|${ref.reference}`)?.meta?.profile?.[0]);
    for (const s of mcode) {
      const r = s.resource as Resource & { result?: Array<{ reference?: string }>; hasMember?: Array<{ reference?: string }> };
      if (r.meta?.profile?.includes(MCODE.genomicsReport)) for (const p of targetProfiles(s.provider, r.result)) expect([MCODE.genomicVariant, MCODE.tumorMarker]).toContain(p);
      if (r.meta?.profile?.includes(MCODE.stageGroup)) expect(targetProfiles(s.provider, r.hasMember)).toEqual([MCODE.tnmT, MCODE.tnmN, MCODE.tnmM]);
    }
  });

  it('the validator is not a rubber stamp: a broken ECOG, stage group and genomics report fail', () => {
    const ecog = structuredClone(byProfile(MCODE.ecog)[0]) as Observation;
    ecog.code = { coding: [{ system: 'http://loinc.org', code: '89243-0' }] };
    expect(validateMcode(ecog).join()).toMatch(/code/i);
    const group = structuredClone(byProfile(MCODE.stageGroup)[0]) as Observation;
    delete group.focus;
    expect(validateMcode(group).join()).toMatch(/focus/);
    const report = structuredClone(byProfile(MCODE.genomicsReport)[0]) as Resource & { category?: unknown };
    report.category = [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0074', code: 'LAB' }] }];
    expect(validateMcode(report).join()).toMatch(/Genetics/);
  });

  it('covers NSCLC, colorectal, breast and melanoma with ICD-10 and SNOMED CT, histology and laterality', () => {
    const primaries = byProfile(MCODE.primaryCancerCondition);
    for (const [snomed, icd10] of [['254637007', 'C34.9'], ['363406005', 'C18.9'], ['254837009', 'C50.9'], ['372244006', 'C43.9']]) {
      const found = primaries.filter((c) => text(c).includes(`"code":"${snomed}"`) && text(c).includes(`"code":"${icd10}"`));
      expect(found.length, snomed).toBeGreaterThan(5);
      expect(text(found[0] as Resource)).toContain(MCODE.histologyExtension);
    }
    expect(primaries.some((c) => text(c).includes('mcode-laterality-qualifier'))).toBe(true);
  });

  it('has clinical and pathological TNM with stage groups, tumour markers, ECOG, surgery, radiotherapy and two therapy lines', () => {
    const groups = byProfile(MCODE.stageGroup).map(codeOf);
    expect(groups).toContain('21908-9');
    expect(groups).toContain('21902-2');
    expect(byProfile(MCODE.tnmT).map((o) => (o as Observation).valueCodeableConcept?.coding?.[0]?.code)).toEqual(expect.arrayContaining(['cT2', 'pT3']));
    for (const p of [MCODE.tumorMarker, MCODE.ecog, MCODE.surgery, MCODE.radiotherapy]) expect(byProfile(p).length, p).toBeGreaterThan(20);
    const lines = byProfile(MCODE.medicationRequest).map((m) => text(m));
    expect(lines.some((l) => l.includes('line 2 (advanced disease)'))).toBe(true);
    expect(lines.some((l) => l.includes('adjuvant therapy'))).toBe(true);
  });

  it('has disease status over time, with progressions', () => {
    const statuses = byProfile(MCODE.diseaseStatus).map((o) => (o as Observation).valueCodeableConcept?.coding?.[0]?.code);
    expect(new Set(statuses)).toEqual(new Set(['268910001', '359746009', '271299001']));
  });

  it('names every required variant in HGVS, with MSI-H and TMB', () => {
    const variants = byProfile(MCODE.genomicVariant).map(text).join('\n');
    for (const hgvs of ['p.Leu858Arg', 'p.Glu746_Ala750del', 'p.Thr790Met', 'p.Gly12Cys', 'p.Gly12Asp', 'p.Val600Glu', 'p.His1047Arg']) expect(variants, hgvs).toContain(hgvs);
    for (const gene of ['"display":"ERBB2"', '"display":"ALK"', '"display":"NTRK1"', 'SO:0001742', 'SO:0001565']) expect(variants, gene).toContain(gene);
    const markers = byProfile(MCODE.tumorMarker).map(text).join('\n');
    expect(markers).toContain('MSI-H (microsatellite instability-high)');
    expect(byProfile(MCODE.tumorMarker).some((o) => codeOf(o) === '94076-7' && ((o as Observation).valueQuantity?.value ?? 0) >= 10)).toBe(true);
  });

  it('records deaths (Patient.deceasedDateTime) after diagnosis, so overall survival can be computed', () => {
    const dead = all.filter((s) => s.resource.resourceType === 'Patient' && (s.resource as Patient).deceasedDateTime);
    expect(dead.length).toBeGreaterThan(10);
    for (const d of dead) {
      const onset = all.find((s) => s.provider === d.provider && s.patientId === d.patientId && s.resource.meta?.profile?.includes(MCODE.primaryCancerCondition));
      expect(((d.resource as Patient).deceasedDateTime ?? '') > (text(onset?.resource as Resource).match(/"onsetDateTime":"([^"]+)"/)?.[1] ?? '9')).toBe(true);
    }
  });

  it('keeps the demo stories: Paul Hoffmann EGFR L858R NSCLC, Luc Klein KRAS G12C colorectal, both alive', () => {
    const of = (nationalId: string) => all.filter((s) => s.nationalId === nationalId);
    const paul = of('1962042100048');
    expect(paul.some((s) => s.provider === PROVIDER_IDS.alzette && text(s.resource).includes('p.Leu858Arg'))).toBe(true);
    expect(paul.some((s) => text(s.resource).includes('"code":"C34.9"'))).toBe(true);
    const luc = of('1955012600062');
    expect(luc.some((s) => s.provider === PROVIDER_IDS.research && text(s.resource).includes('p.Gly12Cys'))).toBe(true);
    expect(luc.some((s) => text(s.resource).includes('"code":"C18.9"'))).toBe(true);
    for (const s of [...paul, ...luc]) if (s.resource.resourceType === 'Patient') expect((s.resource as Patient).deceasedDateTime).toBeUndefined();
  });
});
