import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { JWTVerifyGetKey } from 'jose';
import type { TCdsClient } from '@/server/cds-hooks/cds-clients-file';
import type { JtiStore } from '@/server/cds-hooks/jti-store';

/**
 * Authentication of a CDS client (an EHR) by the bearer JWT CDS Hooks 2.0 requires on every service
 * call ("Trusting CDS Clients", cds-hooks.hl7.org/2.0/#trusting-cds-clients): signed with ES384 or
 * RS384 (the algorithms the spec requires services to support; `none` and HMAC are never accepted),
 * `iss` on the allow-list (cds-clients.json), `aud` the URL of the service being called, `exp`, `iat`
 * and `jti` present, and the `jti` not seen before from that issuer (RFC 7519 §4.1.7). `sub` and
 * `tenant` are optional and passed on. A `jku` header must be the JWK Set URL registered for the issuer
 * (the spec: services allow-list `iss` and `jku`), so a token cannot point us at keys of its choosing.
 */
export const CDS_JWT_ALGORITHMS = ['ES384', 'RS384'] as const;

/** Longest token lifetime accepted (exp − now): the spec's 5 minutes, so the jti store stays small. */
export const MAX_TOKEN_LIFETIME_SECONDS = 300;
const CLOCK_TOLERANCE_SECONDS = 30;

export interface CdsClientIdentity {
  iss: string;
  jti: string;
  sub: string | null;
  tenant: string | null;
}

/** Why a call was refused: the response says only "not authenticated"; the reason goes to the audit trail. */
export class CdsClientAuthError extends Error {
  constructor(readonly reason: string, readonly iss: string | null = null) {
    super(reason);
    this.name = 'CdsClientAuthError';
  }
}

export interface CdsClientAuthenticator {
  /** Verifies the Authorization header for a call whose aud must be one of `audiences` (the service URL); throws CdsClientAuthError. */
  authenticate(authorization: string | null, audiences: readonly string[]): Promise<CdsClientIdentity>;
}

interface Trusted {
  keys: JWTVerifyGetKey;
  jwksUrl: string | null;
}

export function createCdsClientAuthenticator(clients: readonly TCdsClient[], jtis: JtiStore): CdsClientAuthenticator {
  const trusted = new Map<string, Trusted>(
    clients.map((c) => [
      c.iss,
      'jwks' in c
        ? { keys: createLocalJWKSet({ keys: c.jwks.keys as Parameters<typeof createLocalJWKSet>[0]['keys'] }), jwksUrl: null }
        : { keys: createRemoteJWKSet(new URL(c.jwksUrl), { timeoutDuration: 2000, cooldownDuration: 30_000 }), jwksUrl: c.jwksUrl },
    ]),
  );

  return {
    async authenticate(authorization, audiences) {
      const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization?.trim() ?? '');
      if (!match?.[1]) throw new CdsClientAuthError(authorization ? 'Authorization is not a Bearer JWT' : 'no Authorization header');
      const token = match[1];
      let iss: string | undefined;
      let jku: string | undefined;
      try {
        iss = decodeJwt(token).iss;
        jku = decodeProtectedHeader(token).jku;
      } catch {
        throw new CdsClientAuthError('the bearer token is not a JWT');
      }
      if (!iss) throw new CdsClientAuthError('the JWT has no iss');
      const client = trusted.get(iss);
      if (!client) throw new CdsClientAuthError(`issuer ${iss} is not in the CDS clients list`, iss);
      if (jku !== undefined && jku !== client.jwksUrl) throw new CdsClientAuthError(`jku ${jku} is not the JWK Set registered for ${iss}`, iss);

      let payload;
      try {
        ({ payload } = await jwtVerify(token, client.keys, {
          algorithms: [...CDS_JWT_ALGORITHMS],
          issuer: iss,
          audience: [...audiences],
          requiredClaims: ['exp', 'iat', 'jti'],
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
        }));
      } catch (err) {
        throw new CdsClientAuthError(describeJoseError(err), iss);
      }
      const now = Date.now() / 1000;
      const exp = payload.exp ?? 0;
      if (exp - now > MAX_TOKEN_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) throw new CdsClientAuthError(`exp is more than ${MAX_TOKEN_LIFETIME_SECONDS} s ahead`, iss);
      if ((payload.iat ?? 0) > now + CLOCK_TOLERANCE_SECONDS) throw new CdsClientAuthError('iat is in the future', iss);
      const jti = payload.jti ?? '';
      if (jti.length === 0 || jti.length > 256) throw new CdsClientAuthError('jti must be 1–256 characters', iss);
      // Kept until exp plus the tolerance: until then the token could still pass the checks above.
      const fresh = await jtis.remember(iss, jti, new Date((exp + CLOCK_TOLERANCE_SECONDS) * 1000));
      if (!fresh) throw new CdsClientAuthError(`jti ${jti} was already used (replay)`, iss);
      return {
        iss,
        jti,
        sub: typeof payload.sub === 'string' ? payload.sub : null,
        tenant: typeof payload.tenant === 'string' ? payload.tenant : null,
      };
    },
  };
}

function describeJoseError(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'the JWT has expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `claim ${err.claim} ${err.reason === 'check_failed' ? 'does not match' : 'is missing'}: ${err.message}`;
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'the signature does not verify with the issuer\'s keys';
  if (err instanceof errors.JOSEAlgNotAllowed) return `algorithm not allowed (use ${CDS_JWT_ALGORITHMS.join(' or ')})`;
  if (err instanceof errors.JWKSNoMatchingKey) return 'no key of the issuer matches the JWT (kid/alg)';
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
