import type { TOidcProvider, TSsoRole } from './oidc-config';

/** Who the identity provider says signed in, in the app's terms. */
export interface TOidcIdentity {
  issuer: string;
  subject: string;
  email: string;
  name: string;
  role: TSsoRole;
  organisation: string;
  nationalId: string | null;
}

export type TClaimsMapping =
  | { ok: true; identity: TOidcIdentity }
  | { ok: false; reason: 'no subject' | 'no email' | 'email not verified' | 'no app role' | 'several app roles' | 'organisation not vouched for'; detail?: string };

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/**
 * Maps an ID token's claims to the app's user with the provider's configured claim names (OpenID Connect
 * Core 1.0 §5.1 standard claims for email and name). Pure: the caller decides what a refusal means.
 * A verified email is required because an existing account is found by it on the first sign-in.
 */
export function mapClaims(provider: TOidcProvider, claims: Record<string, unknown>): TClaimsMapping {
  const subject = text(claims.sub);
  if (!subject) return { ok: false, reason: 'no subject' };
  const email = text(claimAt(claims, provider.claims.email))?.toLowerCase();
  if (!email) return { ok: false, reason: 'no email' };
  if (claims.email_verified !== true) return { ok: false, reason: 'email not verified' };

  const raw = claimAt(claims, provider.claims.roles);
  const hospitalRoles = Array.isArray(raw) ? raw.filter((r): r is string => typeof r === 'string') : typeof raw === 'string' ? [raw] : [];
  const appRoles = [...new Set(hospitalRoles.flatMap((r) => (Object.hasOwn(provider.roleMap, r) ? [provider.roleMap[r] as TSsoRole] : [])))];
  if (appRoles.length === 0) return { ok: false, reason: 'no app role', detail: hospitalRoles.join(', ') };
  // Two app roles would make the role of the session a guess; the hospital has to decide.
  if (appRoles.length > 1) return { ok: false, reason: 'several app roles', detail: appRoles.join(', ') };

  const organisation = text(claimAt(claims, provider.claims.organisation));
  if (!organisation || !provider.organisations.includes(organisation)) return { ok: false, reason: 'organisation not vouched for', detail: organisation ?? '(none)' };

  const nationalId = provider.claims.nationalId ? text(claimAt(claims, provider.claims.nationalId)) : null;
  const name = text(claimAt(claims, provider.claims.name)) ?? email;
  return { ok: true, identity: { issuer: provider.issuer, subject, email, name, role: appRoles[0] as TSsoRole, organisation, nationalId } };
}
