import { describe, expect, it } from 'vitest';
import { sessionCookie, sessionTokenFrom } from './session-cookie';

describe('sessionCookie', () => {
  it('is Secure with the __Secure- prefix exactly when the public URL is https', () => {
    expect(sessionCookie('https://clinic.example.lu')).toMatchObject({ name: '__Secure-d4h.session', options: { secure: true, httpOnly: true } });
    expect(sessionCookie('http://localhost:3000')).toMatchObject({ name: 'd4h.session', options: { secure: false, httpOnly: true } });
  });
});

describe('sessionTokenFrom', () => {
  it('takes the whole cookie, or joins next-auth chunks in order', () => {
    expect(sessionTokenFrom([{ name: 'other', value: 'x' }, { name: 'd4h.session', value: 'abc' }], 'd4h.session')).toBe('abc');
    const chunks = [{ name: 'd4h.session.1', value: 'def' }, { name: 'd4h.session.0', value: 'abc' }, { name: 'd4h.session.x', value: '!' }];
    expect(sessionTokenFrom(chunks, 'd4h.session')).toBe('abcdef');
    expect(sessionTokenFrom([], 'd4h.session')).toBeUndefined();
  });
});
