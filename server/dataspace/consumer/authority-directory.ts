import { callParticipant, type ParticipantIdentity } from '@/server/dataspace/runtime/participant-http';
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

/** The consumer's view of the authority: who is in the dataspace, their credentials, and who holds a patient. */
export class AuthorityDirectory {
  private cache: { at: number; participants: DirectoryParticipant[] } | null = null;

  constructor(private readonly settings: ConsumerSettings) {}

  async participants(options: { fresh?: boolean } = {}): Promise<DirectoryParticipant[]> {
    if (!options.fresh && this.cache && Date.now() - this.cache.at < PARTICIPANTS_TTL_MS) return this.cache.participants;
    const response = await fetch(`${this.settings.authorityUrl}/registry/participants`, { signal: AbortSignal.timeout(this.settings.fhirTimeoutMs) });
    if (!response.ok) throw new Error(`the authority answered ${response.status} for the participant list`);
    const body = (await response.json()) as { participants: DirectoryParticipant[] };
    this.cache = { at: Date.now(), participants: body.participants };
    return body.participants;
  }

  async credentials(participantId: string): Promise<DirectoryCredential[]> {
    const response = await fetch(`${this.settings.authorityUrl}/registry/participants/${encodeURIComponent(participantId)}/credentials`, { signal: AbortSignal.timeout(this.settings.fhirTimeoutMs) });
    if (!response.ok) throw new Error(`the authority answered ${response.status} for credentials of ${participantId}`);
    return ((await response.json()) as { credentials: DirectoryCredential[] }).credentials;
  }

  /** Record locator: the providers holding data about a person. */
  async locate(identity: ParticipantIdentity, nationalId: string): Promise<string[]> {
    const body = await callParticipant<{ providers: string[] }>(identity, {
      url: `${this.settings.authorityUrl}/record-locator/${encodeURIComponent(nationalId)}`,
      audience: this.settings.authorityId,
      timeoutMs: this.settings.fhirTimeoutMs,
    });
    return body.providers;
  }

  /** Base URL of an active provider, or null when it is unknown, revoked or has not said where it lives. */
  async providerUrl(providerId: string): Promise<string | null> {
    const p = (await this.participants()).find((x) => x.id === providerId);
    return p && p.status === 'active' && p.baseUrl ? p.baseUrl.replace(/\/$/, '') : null;
  }
}
