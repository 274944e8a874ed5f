import type { Consent } from '@medplum/fhirtypes';
import type { ConsentRuleWire } from '@/server/dataspace/protocol/consent-rule';
import { PATIENT_ASSERTION_HEADER, signPatientAssertion } from '@/server/dataspace/protocol/patient-assertion';
import { PRACTITIONER_ASSERTION_HEADER, signPractitionerAssertion, STEWARD_ROLE } from '@/server/dataspace/protocol/practitioner-assertion';
import { callParticipant, type ParticipantIdentity } from '@/server/dataspace/protocol/participant-http';
import type { AccessEventReport } from '@/server/dataspace/runtime/authority-client';

/**
 * On whose behalf the web app asks the authority about a person's consents and access log: the patient
 * signed in (a patient assertion for that national id), or a steward of the authority (a practitioner
 * assertion with role steward, organisation the authority, and the purpose of the look, which the
 * authority writes into the person's access log).
 */
export type OnBehalfOf = { patient: string } | { steward: { userId: string; purpose: string } };

export interface AuthorityAddress {
  url: string;
  id: string;
}

export interface ConsentRuleInput {
  patient: string;
  decision: 'permit' | 'deny';
  purpose?: string | null;
  organisation?: string | null;
  professional?: string | null;
  dataCategory?: string | null;
  validFrom?: string | null;
  validUntil?: string | null;
}

/** One rule of a person's Consent (one provision), as the registry returns it; the id is stable across versions. */
export type ConsentRule = ConsentRuleWire;

/** One stored version of a person's Consent, with the receipt signed for it (null for seeded versions). */
export interface ConsentVersion {
  version: number;
  recordedAt: string;
  recordedBy: string;
  source: 'default' | 'patient' | 'steward';
  consent: Consent;
  /** The rules its provisions state (the authority reads them from the resource). */
  rules: ConsentRule[];
  receipt: string | null;
}

/** Per provider holding a decision lease: applied (acknowledged), or not reachable and its lease over at `at`. */
export interface ProviderApplication {
  provider: string;
  status: 'applied' | 'lease-expired';
  at: string;
}

export type ConsentWriteResult = ConsentVersion & { repeated: boolean; providers: ProviderApplication[] };

/** A written rule (the one-rule shortcuts) and the version it made. */
export type StoredConsentRule = ConsentRule & ConsentWriteResult & { patientNationalId: string };

export interface CurrentConsent {
  patient: string;
  /** 0: the person has no Consent of their own; the defaults apply. */
  version: number;
  recordedAt: string | null;
  consent: Consent | null;
  receipt: string | null;
  rules: Array<ConsentRule & { appliesTo: 'everyone' | 'patient' }>;
}

export interface ConsentChange {
  patient: string;
  baseVersion: number;
  idempotencyKey: string;
  rules: Array<Omit<ConsentRule, 'id'> & { id?: string }>;
}

/** An access as the authority indexed it: what the provider reported, under the provider's id. */
export type IndexedAccessEvent = Omit<AccessEventReport, 'patient'> & { id: string; patientNationalId: string; providerId: string };

/** The assertion header for one call (each patient assertion is single use, so one is signed per call). */
async function assertionHeader(identity: ParticipantIdentity, authority: AuthorityAddress, who: OnBehalfOf): Promise<Record<string, string>> {
  if ('patient' in who) return { [PATIENT_ASSERTION_HEADER]: await signPatientAssertion({ nationalId: who.patient, portalId: identity.id, key: identity.key, audience: authority.id }) };
  const assertion = await signPractitionerAssertion({ userId: who.steward.userId, role: STEWARD_ROLE, organisation: authority.id, purpose: who.steward.purpose, key: identity.key, consumerId: identity.id, audience: authority.id });
  return { [PRACTITIONER_ASSERTION_HEADER]: assertion };
}

async function call<T>(identity: ParticipantIdentity, authority: AuthorityAddress, who: OnBehalfOf, path: string, body?: unknown): Promise<T> {
  return callParticipant<T>(identity, { url: `${authority.url}${path}`, audience: authority.id, body, headers: await assertionHeader(identity, authority, who), timeoutMs: 20_000 });
}

/** A person's current Consent (version, resource, own rules) and the defaults that apply to everyone. */
export function readConsents(identity: ParticipantIdentity, authority: AuthorityAddress, who: OnBehalfOf, nationalId: string) {
  return call<CurrentConsent>(identity, authority, who, `/consents?patient=${encodeURIComponent(nationalId)}`);
}

/** Every version of a person's Consent, newest first, each with its signed receipt (for the dashboard and the export). */
export function readConsentHistory(identity: ParticipantIdentity, authority: AuthorityAddress, who: OnBehalfOf, nationalId: string) {
  return call<{ patient: string; versions: ConsentVersion[] }>(identity, authority, who, `/consents/history?patient=${encodeURIComponent(nationalId)}`);
}

/**
 * Writes the person's whole rule set as the next version, on top of `baseVersion`; answers once every
 * provider keeping decisions holds it. A conflict (someone else wrote meanwhile) is a ParticipantHttpError 409.
 */
export function changeConsent(identity: ParticipantIdentity, authority: AuthorityAddress, who: OnBehalfOf, change: ConsentChange) {
  return call<ConsentWriteResult>(identity, authority, who, '/consents/versions', change);
}

/** Adds one rule as a new version; answers once every provider keeping decisions holds the change (see "Consent at the source"). */
export function recordConsent(identity: ParticipantIdentity, authority: AuthorityAddress, who: OnBehalfOf, rule: ConsentRuleInput) {
  return call<StoredConsentRule>(identity, authority, who, '/consents', rule);
}

/** Removes one rule (by its id) of a person's Consent as a new version (a patient's own, unless a steward names another). */
export function withdrawConsent(identity: ParticipantIdentity, authority: AuthorityAddress, who: OnBehalfOf, ruleId: string, nationalId = 'patient' in who ? who.patient : '') {
  return call<StoredConsentRule>(identity, authority, who, `/consents/${encodeURIComponent(ruleId)}/withdraw?patient=${encodeURIComponent(nationalId)}`, {});
}

/** What a page of a person's access log is narrowed to, and where it starts (keyset cursor). */
export interface AccessLogQuery {
  from?: string;
  to?: string;
  provider?: string;
  purpose?: string;
  beforeRecorded?: string;
  beforeId?: string;
  limit?: number;
}

export type AccessLogCursor = { beforeRecorded: string; beforeId: string };

/** Who accessed a person's data, newest first (EHDS Art. 9), as the providers reported it; one page. */
export function readAccessLog(identity: ParticipantIdentity, authority: AuthorityAddress, who: OnBehalfOf, nationalId: string, query: AccessLogQuery = {}) {
  const params = new URLSearchParams({ patient: nationalId });
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return call<{ patient: string; events: IndexedAccessEvent[]; nextCursor: AccessLogCursor | null }>(identity, authority, who, `/access-events?${params.toString()}`);
}

/** What a steward's audit search across the index is narrowed to (all optional; keyset cursor as for a log). */
export interface AccessSearchQuery {
  patient?: string;
  professional?: string;
  provider?: string;
  purpose?: string;
  outcome?: 'allowed' | 'denied' | 'partial';
  from?: string;
  to?: string;
  beforeRecorded?: string;
  beforeId?: string;
  limit?: number;
}

/** A steward's search of every provider's accesses at the authority's index (each person found is told in their log). */
export function searchAccessEvents(identity: ParticipantIdentity, authority: AuthorityAddress, steward: { userId: string; purpose: string }, query: AccessSearchQuery) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return call<{ events: IndexedAccessEvent[]; nextCursor: AccessLogCursor | null }>(identity, authority, { steward }, `/access-events/search?${params.toString()}`);
}

/**
 * What consent says for these people, for one purpose and the professional's organisation: a decision
 * per person with the Consent version it rests on, never the rules (the portal asks as a consumer).
 */
export function consentStatuses(identity: ParticipantIdentity, authority: AuthorityAddress, question: { purpose: string; organisation: string; professional?: string; patients: string[] }) {
  return callParticipant<{ purpose: string; statuses: Record<string, { status: 'active' | 'partial' | 'withdrawn'; consentVersion: { consentId: string; version: number; dateTime: string | null } | null }> }>(identity, { url: `${authority.url}/pdp/status`, audience: authority.id, body: question, timeoutMs: 5000 });
}
