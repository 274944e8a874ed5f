import { describe, expect, it } from 'vitest';
import { parseCdsClients, readCdsClientsFile } from '@/server/cds-hooks/cds-clients-file';

const ecKey = { kty: 'EC', crv: 'P-384', x: 'x', y: 'y', kid: 'k1' };

describe('cds-clients.json', () => {
  it('accepts inline JWK Sets and JWK Set URLs', () => {
    const clients = parseCdsClients(JSON.stringify([{ iss: 'a', jwks: { keys: [ecKey] } }, { iss: 'b', jwksUrl: 'https://ehr.example/jwks.json' }]), 'f.json');
    expect(clients.map((c) => c.iss)).toEqual(['a', 'b']);
  });

  it.each([
    ['not JSON', '{', 'is not valid JSON'],
    ['an object, not an array', '{"iss":"a"}', 'expected array'],
    ['both jwks and jwksUrl', JSON.stringify([{ iss: 'a', jwks: { keys: [ecKey] }, jwksUrl: 'https://x.example' }]), '0'],
    ['an empty issuer', JSON.stringify([{ iss: '', jwksUrl: 'https://x.example' }]), 'must not be empty'],
    ['a private key', JSON.stringify([{ iss: 'a', jwks: { keys: [{ ...ecKey, d: 'secret' }] } }]), 'private key'],
    ['a non-http jwksUrl', JSON.stringify([{ iss: 'a', jwksUrl: 'file:///etc/keys' }]), '0'],
    ['an issuer twice', JSON.stringify([{ iss: 'a', jwksUrl: 'https://x.example' }, { iss: 'a', jwksUrl: 'https://y.example' }]), 'twice'],
  ])('refuses %s, naming the file', (_name, json, message) => {
    expect(() => parseCdsClients(json, '/etc/d4h/cds-clients.json')).toThrow(/\/etc\/d4h\/cds-clients.json/);
    expect(() => parseCdsClients(json, '/etc/d4h/cds-clients.json')).toThrow(message);
  });

  it('says how to fix a missing file', () => {
    expect(() => readCdsClientsFile('/nonexistent/cds-clients.json')).toThrow(/CDS_CLIENTS_FILE/);
  });

  it('the committed allow-list is valid and trusts nobody', () => {
    expect(readCdsClientsFile('cds-clients.json')).toEqual([]);
  });
});
