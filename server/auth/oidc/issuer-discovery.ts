import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { TOidcProvider } from './oidc-config';

/** The parts of an issuer's discovery document (OpenID Connect Discovery 1.0 §3) the app uses beyond next-auth. */
const ZDiscoverySchema = z.object({
  issuer: z.string(),
  jwks_uri: z.url(),
  end_session_endpoint: z.url().optional(),
});

interface TIssuer {
  keys: JWTVerifyGetKey;
  endSessionEndpoint: string | null;
}

const known = new Map<string, Promise<TIssuer>>();

/**
 * The issuer's signing keys (jose caches the JWKS and refetches it on an unknown `kid`, so a key rotation
 * at the IdP is followed) and its RP-initiated logout endpoint. Fetched once per process; a failed fetch is
 * forgotten so the next request tries again.
 */
export function issuerOf(provider: TOidcProvider): Promise<TIssuer> {
  let entry = known.get(provider.issuer);
  if (!entry) {
    entry = discover(provider);
    known.set(provider.issuer, entry);
    entry.catch(() => known.delete(provider.issuer));
  }
  return entry;
}

async function discover(provider: TOidcProvider): Promise<TIssuer> {
  const response = await fetch(`${provider.issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`discovery of ${provider.issuer} answered ${response.status}`);
  const doc = ZDiscoverySchema.parse(await response.json());
  // Discovery §4.3: the document's issuer must be the one configured, or its keys vouch for someone else.
  if (doc.issuer.replace(/\/+$/, '') !== provider.issuer) throw new Error(`discovery of ${provider.issuer} names issuer ${doc.issuer}`);
  return { keys: createRemoteJWKSet(new URL(doc.jwks_uri)), endSessionEndpoint: doc.end_session_endpoint ?? null };
}
