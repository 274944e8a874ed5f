import { describe, expect, it } from 'vitest';
import { parseOidcProviders } from './oidc-config';

const alzette = {
  id: 'alzette',
  name: 'Alzette Hospital',
  issuer: 'https://idp.alzette.example/realms/staff/',
  clientId: 'd4h-clinic',
  clientSecret: 's3cret',
  roleMap: { endocrinology: 'endocrinologist' },
  organisations: ['alzette-hospital'],
};

describe('OIDC_PROVIDERS', () => {
  it('is empty by default: the embedded credentials sign-in only', () => {
    expect(parseOidcProviders({})).toEqual([]);
  });

  it('reads several hospitals, with default claim names and the issuer without its trailing slash', () => {
    const [first, second] = parseOidcProviders({ OIDC_PROVIDERS: JSON.stringify([alzette, { ...alzette, id: 'moselle', issuer: 'https://idp.moselle.example' }]) });
    expect(first).toMatchObject({ issuer: 'https://idp.alzette.example/realms/staff', claims: { roles: 'roles', organisation: 'organisation', email: 'email', name: 'name' } });
    expect(second?.id).toBe('moselle');
  });

  it.each([
    ['not JSON', '{', /OIDC_PROVIDERS: not JSON/],
    ['a patient role', JSON.stringify([{ ...alzette, roleMap: { patient: 'patient' } }]), /OIDC_PROVIDERS\[0\]\.roleMap\.patient/],
    ['no organisation it may vouch for', JSON.stringify([{ ...alzette, organisations: [] }]), /OIDC_PROVIDERS\[0\]\.organisations/],
    ['the credentials id', JSON.stringify([{ ...alzette, id: 'credentials' }]), /OIDC_PROVIDERS\[0\]\.id/],
    ['two providers with one id', JSON.stringify([alzette, { ...alzette, issuer: 'https://other.example' }]), /ids must be unique/],
    ['an unknown field', JSON.stringify([{ ...alzette, secret: 'x' }]), /Unrecognized key/],
    ['a claim path with spaces', JSON.stringify([{ ...alzette, claims: { roles: 'realm access' } }]), /OIDC_PROVIDERS\[0\]\.claims\.roles/],
  ])('stops the start on %s, naming the field', (_what, value, message) => {
    expect(() => parseOidcProviders({ OIDC_PROVIDERS: value })).toThrow(message);
  });

  it('names OIDC_PROVIDERS_FILE when the file cannot be read', () => {
    expect(() => parseOidcProviders({ OIDC_PROVIDERS_FILE: '/nonexistent/oidc.json' })).toThrow(/OIDC_PROVIDERS_FILE: cannot read \/nonexistent\/oidc.json \(ENOENT\)/);
  });
});
