import { headers } from 'next/headers';
import type { Account, Profile } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import { appDb } from '@/server/db';
import { env } from '@/server/env';
import { clientAddressFrom } from '../client-address';
import { mapClaims } from './oidc-claims';
import { admitOidcUser } from './oidc-sign-in';
import { sessionUserOfSubject } from './oidc-session';

const providerOf = (account: Account) => env().oidcProviders.find((p) => p.id === account.provider);

/** next-auth's signIn callback for a hospital's IdP: maps the verified ID token's claims, admits or refuses, audits. */
export async function admitOidcSignIn(account: Account, claims: Profile | undefined): Promise<boolean> {
  const provider = providerOf(account);
  if (!provider || !claims) return false;
  const result = await admitOidcUser(await appDb(), provider.issuer, mapClaims(provider, claims as Record<string, unknown>), clientAddressFrom(await headers()));
  return result.ok;
}

/**
 * The session JWT of an OIDC sign-in: the same claims as a credentials session, plus the provider and the
 * ID token, which sign-out sends back to the IdP as `id_token_hint` (RP-Initiated Logout 1.0 §2).
 */
export async function oidcSessionToken(token: JWT, account: Account): Promise<JWT> {
  const provider = providerOf(account);
  if (!provider) throw new Error('unknown identity provider');
  const signedIn = await sessionUserOfSubject(await appDb(), provider.issuer, account.providerAccountId);
  if (!signedIn) throw new Error('identity not admitted');
  return {
    ...token,
    user: signedIn.user,
    uid: signedIn.user.id,
    sv: signedIn.sessionVersion,
    authTime: Math.floor(Date.now() / 1000),
    idp: provider.id,
    idToken: account.id_token,
  };
}
