import type { JSONWebKeySet } from 'jose';
import type { DataCategory } from '@/server/fhir/data-category';
import type { Purpose } from '@/server/dataspace/protocol/purpose-of-use';
import { callParticipant, type ParticipantIdentity } from '@/server/dataspace/protocol/participant-http';

export interface PdpDecision {
  decision: 'permit' | 'deny' | 'partial';
  status: 'active' | 'partial' | 'withdrawn';
  categories: Partial<Record<DataCategory, 'permit' | 'deny'>>;
  basis: string[];
  /** The patient's Consent version that decided (null or absent: the deployment's defaults did). */
  consentVersion?: { consentId: string; version: number; dateTime: string | null } | null;
  /** How long (ms) the decision holds unless a consent is written: until a rule's validity starts or ends. Absent: no such bound. */
  cacheUntilMs?: number;
}

/** The authority's answer to a consent-lease request (ConsentSubscriptions there, ConsentDecisionCache at the provider). */
export interface ConsentLease {
  leaseSeconds: number;
  /** True when the authority may have had invalidations this provider did not receive: forget everything. */
  flush: boolean;
}

export interface AccessEventReport {
  patient: string;
  auditEventId: string;
  recorded: string;
  purpose: string;
  consumerId: string | null;
  professional: string | null;
  professionalRole: string | null;
  organisation: string | null;
  agreementId: string | null;
  dataCategories: string[];
  action: string;
  outcome: 'allowed' | 'denied' | 'partial';
  detail: string | null;
}

/** A participant's view of the authority: its keys, registry status, policy decisions, locator and index. */
export class AuthorityClient {
  private jwks: JSONWebKeySet | null = null;

  constructor(
    readonly url: string,
    readonly authorityId: string,
    private readonly identity: ParticipantIdentity,
  ) {}

  async authorityJwks(): Promise<JSONWebKeySet> {
    // The authority's key does not change while it runs; fetch once, refetch after a failure.
    if (this.jwks) return this.jwks;
    const response = await fetch(`${this.url}/.well-known/jwks.json`, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`authority JWKS answered ${response.status}`);
    this.jwks = (await response.json()) as JSONWebKeySet;
    return this.jwks;
  }

  /** Never cached: a revoked participant is refused on its very next call. */
  async isActive(participantId: string, credentialJti: string): Promise<boolean> {
    const response = await fetch(`${this.url}/registry/participants/${encodeURIComponent(participantId)}/credentials/${encodeURIComponent(credentialJti)}/status`, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) return false;
    return ((await response.json()) as { active: boolean }).active === true;
  }

  private call<T>(path: string, body?: unknown): Promise<T> {
    return callParticipant<T>(this.identity, { url: `${this.url}${path}`, audience: this.authorityId, body });
  }

  visiblePurposes(consumer: string): Promise<{ consumer: string; roles: string[]; purposes: Purpose[] }> {
    return this.call(`/access-policy/${encodeURIComponent(consumer)}`);
  }

  decide(input: { patient: string; purpose: string; consumer: string; organisation: string; professional?: string; categories: DataCategory[] }): Promise<PdpDecision> {
    return this.call('/pdp/decide', input);
  }

  /** Takes or renews this provider's consent lease (see ConsentDecisionCache). */
  consentLease(): Promise<ConsentLease> {
    return this.call('/pdp/subscriptions', {});
  }

  cohort(input: { purpose: string; organisation: string; patients: string[] }): Promise<{ purpose: string; permitted: string[] }> {
    return this.call('/pdp/cohort', input);
  }

  registerRecords(nationalIds: string[]): Promise<{ registered: number }> {
    return this.call('/record-locator', { nationalIds });
  }

  locate(nationalId: string): Promise<{ nationalId: string; providers: string[] }> {
    return this.call(`/record-locator/${encodeURIComponent(nationalId)}`);
  }

  reportAccessEvents(events: AccessEventReport[]): Promise<{ indexed: number; duplicates: number }> {
    return this.call('/access-events', { events });
  }

  listParticipants(): Promise<{ participants: Array<{ id: string; legalName: string; kind: string; roles: string[]; baseUrl: string | null; status: string }> }> {
    return fetch(`${this.url}/registry/participants`, { signal: AbortSignal.timeout(3000) }).then((r) => r.json() as never);
  }
}
