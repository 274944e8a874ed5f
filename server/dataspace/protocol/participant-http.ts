import type { ParticipantKeyPair } from '@/server/dataspace/protocol/participant-keys';
import { signParticipantToken } from '@/server/dataspace/protocol/participant-token';

/** What a participant needs to call another: its id, key and current credential. */
export interface ParticipantIdentity {
  id: string;
  key: ParticipantKeyPair;
  credential: () => string;
}

export class ParticipantCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
    this.name = 'ParticipantCallError';
  }
}

/**
 * Calls another participant with a fresh self-issued token (one per call, so the jti is never reused).
 * JSON in, JSON out; a non-2xx answer throws ParticipantCallError carrying the body.
 */
export async function callParticipant<T>(
  identity: ParticipantIdentity,
  input: { url: string; audience: string; method?: 'GET' | 'POST'; body?: unknown; timeoutMs?: number; headers?: Record<string, string> },
): Promise<T> {
  const token = await signParticipantToken({ participantId: identity.id, key: identity.key, credential: identity.credential(), audience: input.audience });
  const response = await fetch(input.url, {
    method: input.method ?? (input.body === undefined ? 'GET' : 'POST'),
    headers: { ...input.headers, authorization: `Bearer ${token}`, ...(input.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: input.body === undefined ? undefined : JSON.stringify(input.body),
    signal: AbortSignal.timeout(input.timeoutMs ?? 5000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text for the error
  }
  if (!response.ok) throw new ParticipantCallError(response.status, body, `${input.method ?? (input.body === undefined ? 'GET' : 'POST')} ${input.url} → ${response.status}`);
  return body as T;
}
