import type { Consent, ConsentProvision } from '@medplum/fhirtypes';
import { isDataCategory } from '@/server/fhir/data-category';
import { LOCAL_PURPOSE_SYSTEM, PURPOSE_INFO, isPurpose } from '@/server/dataspace/protocol/purpose-of-use';
import { CODE_SYSTEMS, NATIONAL_HEALTH_ID_SYSTEM } from '@/server/terminology/code-systems';
import type { ConsentRuleWire } from '@/server/dataspace/protocol/consent-rule';
import type { ConsentRuleView } from './policy-decision';

/**
 * A person's consent as FHIR R4 Consent (hl7.org/fhir/R4/consent.html), the form in which the registry
 * stores, versions and exchanges it, and the flattening of its provision tree into the rules the policy
 * decision point decides on (policy-decision.ts), so that the decision reads the very resource shown.
 *
 * Shape: the root provision carries no type (no rule of its own); each nested provision is one rule of
 * the person: type permit|deny, and optionally actor (an organisation or a practitioner), purpose
 * (v3 ActReason), class (this dataspace's data categories) and period. A nested provision inside a rule
 * narrows it (it inherits its parent's constraints), as R4 describes nested provisions as exceptions.
 */

/** Where the organisations and professionals that rules name are identified. */
export const PARTICIPANT_ID_SYSTEM = 'https://d4h.example/fhir/NamingSystem/participant-id' as const;
export const PROFESSIONAL_ID_SYSTEM = 'https://d4h.example/fhir/NamingSystem/professional-id' as const;
/** The data categories a provision's class names (server/fhir/data-category.ts). */
export const DATA_CATEGORY_SYSTEM = 'https://d4h.example/fhir/CodeSystem/data-category' as const;
const CONSENT_SCOPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/consentscope';
const PARTICIPATION_TYPE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
/** LOINC 59284-0 "Patient Consent", the category R4's examples use for privacy consents. */
const PATIENT_CONSENT_LOINC = { system: CODE_SYSTEMS.loinc, code: '59284-0', display: 'Patient Consent' };

/** One rule of a person, the unit the dashboard changes: one nested provision of their Consent. */
export type ConsentProvisionSpec = ConsentRuleWire;

export interface ConsentVersionMeta {
  consentId: string;
  version: number;
  patient: string;
  recorded: Date;
  /** The authority that keeps the registry (Consent.organization). */
  authority: string;
}

function provisionOf(spec: ConsentProvisionSpec): ConsentProvision {
  const actor: NonNullable<ConsentProvision['actor']> = [];
  if (spec.organisation) actor.push({ role: { coding: [{ system: PARTICIPATION_TYPE_SYSTEM, code: 'IRCP', display: 'information recipient' }] }, reference: { type: 'Organization', identifier: { system: PARTICIPANT_ID_SYSTEM, value: spec.organisation } } });
  if (spec.professional) actor.push({ role: { coding: [{ system: PARTICIPATION_TYPE_SYSTEM, code: 'IRCP', display: 'information recipient' }] }, reference: { type: 'Practitioner', identifier: { system: PROFESSIONAL_ID_SYSTEM, value: spec.professional } } });
  const purpose = spec.purpose ? [{ system: isPurpose(spec.purpose) ? PURPOSE_INFO[spec.purpose].system : LOCAL_PURPOSE_SYSTEM, code: spec.purpose, display: isPurpose(spec.purpose) ? PURPOSE_INFO[spec.purpose].display : undefined }] : undefined;
  return {
    id: spec.id,
    type: spec.decision,
    ...(spec.validFrom || spec.validUntil ? { period: { ...(spec.validFrom ? { start: spec.validFrom } : {}), ...(spec.validUntil ? { end: spec.validUntil } : {}) } } : {}),
    ...(actor.length > 0 ? { actor } : {}),
    ...(purpose ? { purpose } : {}),
    ...(spec.dataCategory ? { class: [{ system: DATA_CATEGORY_SYSTEM, code: spec.dataCategory }] } : {}),
  };
}

/** A person's rules as one version of their Consent resource. */
export function toConsentResource(meta: ConsentVersionMeta, rules: readonly ConsentProvisionSpec[]): Consent {
  return {
    resourceType: 'Consent',
    id: meta.consentId,
    meta: { versionId: String(meta.version), lastUpdated: meta.recorded.toISOString() },
    status: 'active',
    scope: { coding: [{ system: CONSENT_SCOPE_SYSTEM, code: 'patient-privacy', display: 'Privacy Consent' }] },
    category: [{ coding: [PATIENT_CONSENT_LOINC] }],
    patient: { identifier: { system: NATIONAL_HEALTH_ID_SYSTEM, value: meta.patient } },
    dateTime: meta.recorded.toISOString(),
    organization: [{ identifier: { system: PARTICIPANT_ID_SYSTEM, value: meta.authority } }],
    // R4 invariant ppc-1 wants a policy or a policyRule: the deployment's defaults are the policy the
    // provisions make exceptions to.
    policy: [{ uri: `https://${meta.authority}.example/consent-policy` }],
    provision: { provision: rules.map(provisionOf) },
  };
}

type Constraints = Omit<ConsentProvisionSpec, 'id' | 'decision'>;
const NONE: Constraints = { purpose: null, organisation: null, professional: null, dataCategory: null, validFrom: null, validUntil: null };

/** Values of one field a provision lists, or [inherited] when it lists none (a list means "any of"). */
function values(listed: string[], inherited: string | null): Array<string | null> {
  return listed.length > 0 ? listed : [inherited];
}

function laterStart(a: string | null, b: string | undefined): string | null {
  if (!b) return a;
  return !a || b > a ? b : a;
}
function earlierEnd(a: string | null, b: string | undefined): string | null {
  if (!b) return a;
  return !a || b < a ? b : a;
}

function flatten(node: ConsentProvision, inherited: Constraints, path: string, out: ConsentProvisionSpec[]): void {
  const actors = node.actor ?? [];
  const organisations = actors.filter((a) => a.reference?.type === 'Organization').map((a) => a.reference?.identifier?.value).filter((v): v is string => Boolean(v));
  const professionals = actors.filter((a) => a.reference?.type === 'Practitioner').map((a) => a.reference?.identifier?.value).filter((v): v is string => Boolean(v));
  const purposes = (node.purpose ?? []).map((p) => p.code).filter((v): v is string => Boolean(v));
  const categories = (node.class ?? []).filter((c) => c.system === DATA_CATEGORY_SYSTEM && isDataCategory(c.code)).map((c) => c.code as string);
  const validFrom = laterStart(inherited.validFrom, node.period?.start);
  const validUntil = earlierEnd(inherited.validUntil, node.period?.end);
  const id = node.id ?? path;
  const combos: Constraints[] = [];
  for (const purpose of values(purposes, inherited.purpose))
    for (const organisation of values(organisations, inherited.organisation))
      for (const professional of values(professionals, inherited.professional))
        for (const dataCategory of values(categories, inherited.dataCategory)) combos.push({ purpose, organisation, professional, dataCategory, validFrom, validUntil });
  combos.forEach((constraints, i) => {
    const ruleId = combos.length === 1 ? id : `${id}.${i}`;
    if (node.type) out.push({ id: ruleId, decision: node.type, ...constraints });
    (node.provision ?? []).forEach((child, j) => flatten(child, constraints, `${ruleId}.${j}`, out));
  });
}

/** The rules a Consent's provision tree states, in the form the dashboard edits. */
export function provisionsOf(consent: Consent): ConsentProvisionSpec[] {
  const out: ConsentProvisionSpec[] = [];
  if (consent.status !== 'active' || !consent.provision) return out;
  flatten(consent.provision, NONE, 'p', out);
  return out;
}

/** The rules of one Consent version as the policy decision point reads them, each tied to that version. */
export function rulesOf(consent: Consent, patient: string): ConsentRuleView[] {
  const version = Number(consent.meta?.versionId ?? 0);
  const basis = { consentId: consent.id ?? '', version, dateTime: consent.dateTime ?? null };
  return provisionsOf(consent).map((p) => ({
    ...p,
    patientNationalId: patient,
    validFrom: p.validFrom ? new Date(p.validFrom) : null,
    validUntil: p.validUntil ? new Date(p.validUntil) : null,
    source: 'patient' as const,
    withdrawnAt: null,
    consent: basis,
  }));
}
