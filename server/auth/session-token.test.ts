import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encode } from 'next-auth/jwt';
import { decodeSessionToken } from './session-token';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const user = { id: 'u1', name: 'Nora Berg', email: 'nora.berg@ehealth.example', role: 'steward' as const, organisation: 'ehealth-agency', nationalId: null };

describe('decodeSessionToken', () => {
  it('reads a token exactly as next-auth encoded it', async () => {
    const sid = randomUUID();
    const token = await encode({ token: { user, uid: 'u1', sv: 3, sid, authTime: 1_700_000_000 }, secret: SECRET, maxAge: 60 });
    expect(await decodeSessionToken(token, SECRET)).toEqual({ user, uid: 'u1', sv: 3, sid, authTime: 1_700_000_000 });
  });

  it('refuses another secret, an expired token, a tampered one and one without a session id', async () => {
    const claims = { user, uid: 'u1', sv: 1, sid: randomUUID(), authTime: 1 };
    const token = await encode({ token: claims, secret: SECRET, maxAge: 60 });
    expect(await decodeSessionToken(token, `${SECRET}x`)).toBeNull();
    expect(await decodeSessionToken(await encode({ token: claims, secret: SECRET, maxAge: -60 }), SECRET)).toBeNull();
    expect(await decodeSessionToken(`${token.slice(0, -3)}AAA`, SECRET)).toBeNull();
    expect(await decodeSessionToken(await encode({ token: { ...claims, sid: undefined }, secret: SECRET, maxAge: 60 }), SECRET)).toBeNull();
    expect(await decodeSessionToken(undefined, SECRET)).toBeNull();
    expect(await decodeSessionToken('junk', SECRET)).toBeNull();
  });
});
