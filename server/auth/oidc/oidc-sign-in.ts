import { and, eq, ne, or, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { users } from '@/db/app/schema/users';
import { oidcIdentities } from '@/db/app/schema/oidc-identities';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { toSessionUser, type SessionUser } from '../session-user';
import type { TClaimsMapping, TOidcIdentity } from './oidc-claims';

export type TOidcSignIn = { ok: true; user: SessionUser; sessionVersion: number; created: boolean } | { ok: false; reason: string };

/**
 * Admits a user the identity provider has authenticated: finds them by (issuer, subject), else by verified
 * email (an account an admin created, or a demo user), else creates them with no care relationships. Role,
 * organisation, name and national id are taken from the claims on every sign-in: the hospital is the
 * source of truth for who its staff are. A disabled account stays refused and is left as it is. The
 * outcome and its audit event are written in one transaction, as the credentials sign-in audits.
 */
export async function admitOidcUser(db: Database, issuer: string, mapping: TClaimsMapping, clientAddress: string): Promise<TOidcSignIn> {
  return db.transaction(async (tx) => {
    const result: TOidcSignIn = mapping.ok ? await admit(tx, mapping.identity) : { ok: false, reason: mapping.reason + (mapping.detail ? `: ${mapping.detail}` : '') };
    const user = result.ok ? result.user : null;
    await recordAuditEvent(tx, {
      typeCode: AUDIT_TYPES.userAuthentication,
      subtype: result.ok ? AUDIT_SUBTYPES.login : AUDIT_SUBTYPES.loginFailed,
      action: AUDIT_ACTIONS.execute,
      outcome: result.ok ? AUDIT_OUTCOMES.success : AUDIT_OUTCOMES.minorFailure,
      outcomeDescription: result.ok ? `signed in through ${issuer}${result.created ? ' (account created)' : ''}` : `${issuer} signed the user in; the app refused: ${result.reason}`,
      agent: { userId: user?.id ?? null, role: user?.role ?? null, organisation: user?.organisation ?? null },
      entity: { type: 'User', email: mapping.ok ? mapping.identity.email : null, issuer, subject: mapping.ok ? mapping.identity.subject : null },
      clientAddress,
    });
    return result;
  });
}

async function admit(db: Database, identity: TOidcIdentity): Promise<TOidcSignIn> {
  const [linked] = await db
    .select({ userId: oidcIdentities.userId })
    .from(oidcIdentities)
    .where(and(eq(oidcIdentities.issuer, identity.issuer), eq(oidcIdentities.subject, identity.subject)));
  const [existing] = await db
    .select()
    .from(users)
    .where(linked ? eq(users.id, linked.userId) : eq(users.email, identity.email));
  if (existing?.disabled) return { ok: false, reason: 'account disabled' };

  // Another account already holding the email or national id the claims carry is a conflict for an
  // admin to resolve, not something to overwrite.
  const clash = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        existing ? ne(users.id, existing.id) : undefined,
        or(eq(users.email, identity.email), identity.nationalId ? eq(users.nationalId, identity.nationalId) : undefined),
      ),
    );
  if (clash.length > 0) return { ok: false, reason: 'the email or national id belongs to another account' };

  const fromClaims = { email: identity.email, name: identity.name, role: identity.role, organisation: identity.organisation, nationalId: identity.nationalId };
  const [row] = existing
    ? await db.update(users).set(fromClaims).where(eq(users.id, existing.id)).returning()
    : await db.insert(users).values({ ...fromClaims, passwordHash: null }).returning();
  if (!row) throw new Error('user row missing after upsert');
  if (linked) {
    await db.update(oidcIdentities).set({ lastSignInAt: sql`now()` }).where(and(eq(oidcIdentities.issuer, identity.issuer), eq(oidcIdentities.subject, identity.subject)));
  } else {
    await db.insert(oidcIdentities).values({ issuer: identity.issuer, subject: identity.subject, userId: row.id });
  }
  return {
    ok: true,
    user: toSessionUser({ ...row, role: identity.role }),
    sessionVersion: row.sessionVersion,
    created: !existing,
  };
}

/** The user an identity provider's subject is linked to; null if that subject never signed in here. */
export async function userOfSubject(db: Database, issuer: string, subject: string): Promise<string | null> {
  const [row] = await db
    .select({ userId: oidcIdentities.userId })
    .from(oidcIdentities)
    .where(and(eq(oidcIdentities.issuer, issuer), eq(oidcIdentities.subject, subject)));
  return row?.userId ?? null;
}
