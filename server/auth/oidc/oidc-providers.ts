import type { OAuthConfig } from 'next-auth/providers/oauth';
import type { TOidcProvider } from './oidc-config';

/**
 * One next-auth OpenID Connect provider per hospital: authorization code flow with PKCE (S256), state and
 * nonce (OpenID Connect Core 1.0 §3.1; RFC 7636); the ID token is verified by openid-client against the
 * issuer's JWKS. The claims are mapped in the sign-in callback, where a refusal can be audited.
 */
export function nextAuthOidcProvider(provider: TOidcProvider): OAuthConfig<Record<string, unknown>> {
  return {
    id: provider.id,
    name: provider.name,
    type: 'oauth',
    wellKnown: `${provider.issuer}/.well-known/openid-configuration`,
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    authorization: { params: { scope: 'openid email profile' } },
    checks: ['pkce', 'state', 'nonce'],
    idToken: true,
    // next-auth's default of 3.5 s for the token and discovery requests failed a sign-in when the IdP was busy.
    httpOptions: { timeout: 10_000 },
    profile: (claims) => ({ id: String(claims.sub) }),
  };
}
