import { describe, expect, it } from 'vitest';
import { mapClaims } from './oidc-claims';
import { ZOidcProviderSchema } from './oidc-config';

const provider = ZOidcProviderSchema.parse({
  id: 'alzette',
  name: 'Alzette Hospital',
  issuer: 'http://127.0.0.1:8080/realms/alzette',
  clientId: 'd4h-clinic',
  clientSecret: 'x',
  claims: { roles: 'realm_access.roles', organisation: 'org', nationalId: 'national_id' },
  roleMap: { endocrinology: 'endocrinologist', oncology: 'oncologist', 'it-admin': 'admin' },
  organisations: ['alzette-hospital'],
});
const claims = {
  sub: 'f3a1',
  email: 'Sophie.Reuter@Alzette.example',
  email_verified: true,
  name: 'Sophie Reuter',
  realm_access: { roles: ['default-roles-alzette', 'endocrinology', 'offline_access'] },
  org: 'alzette-hospital',
  national_id: '1980010100016',
};

describe('mapping an ID token’s claims', () => {
  it('takes role, organisation and national id from the configured claims; other hospital roles are ignored', () => {
    expect(mapClaims(provider, claims)).toEqual({
      ok: true,
      identity: { issuer: provider.issuer, subject: 'f3a1', email: 'sophie.reuter@alzette.example', name: 'Sophie Reuter', role: 'endocrinologist', organisation: 'alzette-hospital', nationalId: '1980010100016' },
    });
  });

  it('accepts a single role as a string', () => {
    expect(mapClaims(provider, { ...claims, realm_access: { roles: 'oncology' } })).toMatchObject({ ok: true, identity: { role: 'oncologist' } });
  });

  it.each([
    ['no subject', { ...claims, sub: '' }, 'no subject'],
    ['no email', { ...claims, email: undefined }, 'no email'],
    ['an unverified email (the account is found by it)', { ...claims, email_verified: false }, 'email not verified'],
    ['no role the app knows', { ...claims, realm_access: { roles: ['nursing'] } }, 'no app role'],
    ['two app roles', { ...claims, realm_access: { roles: ['endocrinology', 'it-admin'] } }, 'several app roles'],
    ['roles under an unexpected shape', { ...claims, realm_access: ['endocrinology'] }, 'no app role'],
    ['another hospital’s organisation', { ...claims, org: 'moselle-clinic' }, 'organisation not vouched for'],
    ['no organisation', { ...claims, org: undefined }, 'organisation not vouched for'],
  ])('refuses %s', (_what, input, reason) => {
    expect(mapClaims(provider, input)).toMatchObject({ ok: false, reason });
  });

  it('does not treat inherited object keys as hospital roles', () => {
    expect(mapClaims(provider, { ...claims, realm_access: { roles: ['constructor', 'toString'] } })).toMatchObject({ ok: false, reason: 'no app role' });
  });
});
