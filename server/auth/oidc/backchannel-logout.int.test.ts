import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { openTestDatabase, testDatabaseKinds } from '@/db/test-databases';
import type { OpenDatabase } from '@/db/client';
import { users } from '@/db/app/schema/users';
import { auditEvents } from '@/db/app/schema/audit-events';
import { checkSession } from '../session-policy';
import { BACKCHANNEL_LOGOUT_EVENT, backchannelLogout } from './backchannel-logout';
import { admitOidcUser } from './oidc-sign-in';
import { ZOidcProviderSchema } from './oidc-config';

/** The session being checked: any one of the user's sessions (ids are UUIDs, as sign-in makes them). */
const SESSION_ID = randomUUID();

const provider = ZOidcProviderSchema.parse({
  id: 'moselle',
  name: 'Moselle Clinic',
  issuer: 'http://127.0.0.1:8080/realms/moselle',
  clientId: 'd4h-clinic',
  clientSecret: 'x',
  roleMap: { endocrinology: 'endocrinologist' },
  organisations: ['moselle-clinic'],
});

describe.each(testDatabaseKinds())('back-channel logout on %s', (kind) => {
  let database: OpenDatabase;
  let keys: JWTVerifyGetKey;
  let sign: (claims: JWTPayload, key?: CryptoKey) => Promise<string>;
  let otherKey: CryptoKey;
  let userId: string;

  beforeAll(async () => {
    database = await openTestDatabase(kind, path.resolve('db/app/migrations'));
    const idp = await generateKeyPair('RS256');
    otherKey = (await generateKeyPair('RS256')).privateKey;
    keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(idp.publicKey)), kid: 'k1', alg: 'RS256' }] });
    sign = (claims, key = idp.privateKey) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'logout+jwt' }).sign(key);
    const admitted = await admitOidcUser(
      database.db,
      provider.issuer,
      { ok: true, identity: { issuer: provider.issuer, subject: 'marc', email: 'marc@moselle.example', name: 'Marc', role: 'endocrinologist', organisation: 'moselle-clinic', nationalId: null } },
      '10.0.0.1',
    );
    if (!admitted.ok) throw new Error('not admitted');
    userId = admitted.user.id;
  });
  afterAll(() => database.close());

  const now = () => Math.floor(Date.now() / 1000);
  const valid = (): JWTPayload => ({ iss: provider.issuer, aud: provider.clientId, iat: now(), jti: crypto.randomUUID(), sub: 'marc', sid: 's-1', events: { [BACKCHANNEL_LOGOUT_EVENT]: {} } });
  const version = async () => (await database.db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, userId)))[0]?.sv;

  it.each([
    ['not signed by the issuer’s keys', async () => sign(valid(), otherKey), /signature verification failed/],
    ['for another client', async () => sign({ ...valid(), aud: 'someone-else' }), /"aud"/],
    ['from another issuer', async () => sign({ ...valid(), iss: 'http://127.0.0.1:8080/realms/alzette' }), /"iss"/],
    ['issued ten minutes ago (a replay)', async () => sign({ ...valid(), iat: now() - 600 }), /"iat"/],
    ['without the logout event (an ID token)', async () => sign({ ...valid(), events: undefined }), /no back-channel logout event/],
    ['with a nonce', async () => sign({ ...valid(), nonce: 'n' }), /must not carry a nonce/],
    ['without a subject', async () => sign({ ...valid(), sub: undefined }), /no sub/],
    ['missing', async () => undefined, /logout_token is missing/],
  ])('refuses a logout token %s with 400 and ends nothing', async (_what, token, description) => {
    const before = await version();
    const result = await backchannelLogout(database.db, provider, await token(), keys);
    expect(result).toMatchObject({ status: 400, error: 'invalid_request', description: expect.stringMatching(description) });
    expect(await version()).toBe(before);
  });

  it('ends every session of the user: a session JWT carrying the old version is refused; audited', async () => {
    const before = await version();
    if (before === undefined) throw new Error('no user');
    expect(await checkSession(database.db, { uid: userId, sv: before, sid: SESSION_ID, authTime: now() })).toEqual({ valid: true });
    expect(await backchannelLogout(database.db, provider, await sign(valid()), keys)).toEqual({ status: 200, ended: true });
    expect(await checkSession(database.db, { uid: userId, sv: before, sid: SESSION_ID, authTime: now() })).toEqual({ valid: false, reason: 'revoked' });
    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.subtype, 'logout-everywhere'));
    expect(event).toMatchObject({ agentUserId: userId, outcomeDescription: `back-channel logout from ${provider.issuer}` });
  });

  it('answers 200 with nothing to end for a subject that never signed in here', async () => {
    expect(await backchannelLogout(database.db, provider, await sign({ ...valid(), sub: 'stranger' }), keys)).toEqual({ status: 200, ended: false });
  });
});
