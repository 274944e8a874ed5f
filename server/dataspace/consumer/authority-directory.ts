import { callParticipant, type ParticipantIdentity } from '@/server/dataspace/protocol/participant-http';
import type { ConsumerSettings } from './consumer-settings';

export interface DirectoryParticipant {
  id: string;
  legalName: string;
  kind: string;
  roles: string[];
  baseUrl: string | null;
  status: string;
  registeredAt: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
}

export interface DirectoryCredential {
  jti: string;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/** The participant list changes rarely (enrolment, revocation); a short cache spares a call per record read. */
const PARTICIPANTS_TTL_MS = 15_000;
/**
 * Record-locator answers change rarely (a provider registers people when it first holds them), so a short
 * cache spares a signed authority call per record read; it decides nothing about consent, which every
 * provider still asks the authority on every request. A person new at a provider shows up within this.
 */
const LOCATOR_TTL_MS = 30_000;
const LOCATOR_MAX_ENTRIES = 10_000;

/** The consumer's view of the authority: who is in the dataspace, their credentials, and who holds a patient. */
export class AuthorityDirectory {
  private cache: { at: number; participants: DirectoryParticipant[] } | null = null;
  private readonly located = new Map<string, { at: number; providers: string[] }>();

  constructor(private readonly settings: ConsumerSettings) {}

  async participants(options: { fresh?: boolean } = {}): Promise<DirectoryParticipant[]> {
    if (!options.fresh && this.cache && Date.now() - this.cache.at < PARTICIPANTS_TTL_MS) return this.cache.participants;
    const response = await fetch(`${this.settings.authorityUrl}/registry/participants`, { signal: AbortSignal.timeout(this.settings.fhirTimeoutMs) });
    if (!response.ok) throw new Error(`the authority answered ${response.status} for the participant list`);
    const body = (await response.json()) as { participants: DirectoryParticipant[] };
    this.cache = { at: Date.now(), participants: body.participants };
    return body.participants;
  }

  /** Credential ids are not public: asked with the consumer's participant token. */
  async credentials(identity: ParticipantIdentity, participantId: string): Promise<DirectoryCredential[]> {
    const body = await callParticipant<{ credentials: DirectoryCredential[] }>(identity, {
      url: `${this.settings.authorityUrl}/registry/participants/${encodeURIComponent(participantId)}/credentials`,
      audience: this.settings.authorityId,
      timeoutMs: this.settings.fhirTimeoutMs,
    });
    return body.credentials;
  }

  /** Record locator: the providers holding data about a person. */
  async locate(identity: ParticipantIdentity, nationalId: string, options: { fresh?: boolean } = {}): Promise<string[]> {
    const hit = this.located.get(nationalId);
    if (!options.fresh && hit && Date.now() - hit.at < LOCATOR_TTL_MS) return hit.providers;
    const body = await callParticipant<{ providers: string[] }>(identity, {
      url: `${this.settings.authorityUrl}/record-locator/${encodeURIComponent(nationalId)}`,
      audience: this.settings.authorityId,
      timeoutMs: this.settings.fhirTimeoutMs,
    });
    if (this.located.size >= LOCATOR_MAX_ENTRIES) this.located.clear();
    this.located.set(nationalId, { at: Date.now(), providers: body.providers });
    return body.providers;
  }

  /** Base URL of an active provider, or null when it is unknown, revoked or has not said where it lives. */
  async providerUrl(providerId: string): Promise<string | null> {
    const p = (await this.participants()).find((x) => x.id === providerId);
    return p && p.status === 'active' && p.baseUrl ? p.baseUrl.replace(/\/$/, '') : null;
  }
}
