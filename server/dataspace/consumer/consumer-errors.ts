import { DspRefusal } from '@/server/dataspace/protocol/dsp-client';
import { ParticipantCallError } from '@/server/dataspace/protocol/participant-http';

/** The provider answered and said no (a DSP error, a TERMINATED negotiation, no offer for the purpose). */
export class ContractRefused extends Error {
  constructor(
    readonly providerId: string,
    readonly reason: string,
  ) {
    super(`${providerId} refused: ${reason}`);
    this.name = 'ContractRefused';
  }
}

/** The provider did not answer at all (connection refused, reset, DNS, timeout). */
export class ProviderUnreachable extends Error {
  constructor(
    readonly providerId: string,
    readonly reason: string,
  ) {
    super(`${providerId} unreachable: ${reason}`);
    this.name = 'ProviderUnreachable';
  }
}

/** Longest cause shown for another system's answer: a summary, not its page. */
const MAX_CAUSE = 160;

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_CAUSE ? `${line.slice(0, MAX_CAUSE - 1)}…` : line;
}

/**
 * A short cause from another system's error body: the DSP error's code and reason, an HTML page by its
 * title (a web server's 404 page, not a DSP endpoint), a text by its first words. Never the body whole.
 */
export function summariseErrorBody(body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as { reason?: unknown; detail?: unknown; code?: unknown; error?: unknown };
    const reason = Array.isArray(b.reason) ? b.reason.join('; ') : typeof b.reason === 'string' ? b.reason : typeof b.detail === 'string' ? b.detail : null;
    const code = typeof b.code === 'string' ? b.code : typeof b.error === 'string' ? b.error : null;
    if (reason || code) return shorten([code, reason].filter(Boolean).join(': '));
  }
  if (typeof body !== 'string' || body.trim() === '') return 'no reason given';
  if (/^\s*<(!doctype|html|head|body)/i.test(body)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
    return title ? `an HTML page ("${shorten(title)}"), not a DSP answer` : 'an HTML page, not a DSP answer';
  }
  return shorten(body);
}

/** Sorts any error from a DSP call into refused (it answered) or unreachable (it did not). */
/** A socket error code as the clinician reads it on the record page, the code kept for whoever investigates. */
const NETWORK_FAILURES: Record<string, string> = {
  ECONNREFUSED: 'its server refuses connections (not running)',
  ECONNRESET: 'the connection was cut',
  EHOSTUNREACH: 'its host cannot be reached',
  ENETUNREACH: 'its network cannot be reached',
  ENOTFOUND: 'its address is unknown',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection was cut',
};

function networkFailure(code: string | undefined): string | undefined {
  if (!code) return undefined;
  const readable = NETWORK_FAILURES[code];
  return readable ? `${readable} (${code})` : code;
}

export function classifyDspError(providerId: string, error: unknown): ContractRefused | ProviderUnreachable {
  if (error instanceof ContractRefused || error instanceof ProviderUnreachable) return error;
  if (error instanceof DspRefusal || error instanceof ParticipantCallError) {
    // 5xx is a provider in trouble, not a decision.
    return error.status >= 500 ? new ProviderUnreachable(providerId, `answered ${error.status}`) : new ContractRefused(providerId, `${error.status} ${summariseErrorBody(error.body)}`);
  }
  const e = error as { name?: string; message?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return new ProviderUnreachable(providerId, 'timed out');
  if (e.name === 'TypeError' || e.cause?.code) return new ProviderUnreachable(providerId, networkFailure(e.cause?.code) ?? e.message ?? 'network error');
  // Anything else (a malformed message that failed schema validation, for instance) is the provider's fault too.
  return new ContractRefused(providerId, e.message ? shorten(e.message) : 'invalid answer');
}
