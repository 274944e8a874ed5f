import type { JWT } from 'next-auth/jwt';
import { env } from '@/server/env';
import { issuerOf } from './issuer-discovery';

/**
 * Where the browser goes after signing out of a session that began at a hospital's IdP, so the IdP's
 * session ends too (OpenID Connect RP-Initiated Logout 1.0 §2–3): its end_session_endpoint with the ID
 * token as hint and the sign-in page to come back to. Null for a credentials session, or when the IdP
 * publishes no such endpoint or cannot be reached (the app's own sign-out still happens).
 */
export async function endSessionUrl(token: JWT | null): Promise<string | null> {
  const provider = token?.idp ? env().oidcProviders.find((p) => p.id === token.idp) : undefined;
  if (!provider) return null;
  const issuer = await issuerOf(provider).catch(() => null);
  if (!issuer?.endSessionEndpoint) return null;
  const url = new URL(issuer.endSessionEndpoint);
  if (token?.idToken) url.searchParams.set('id_token_hint', token.idToken);
  url.searchParams.set('client_id', provider.clientId);
  url.searchParams.set('post_logout_redirect_uri', new URL('/sign-in', env().NEXTAUTH_URL).toString());
  return url.toString();
}
