import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { participantHeaders } from './participant-headers';

function app(publicUrl: string) {
  const a = new Hono();
  a.use('*', participantHeaders({ publicUrl, isPublic: (_m, p) => p === '/health' }));
  a.get('/health', (c) => c.json({ ok: true }));
  a.get('/consents', (c) => c.json({ rules: [] }));
  a.get('/page', (c) => c.html('<p>hi</p>'));
  return a;
}

describe('participant security headers', () => {
  it('give nosniff and a CSP that allows nothing to every answer, and no-store to every non-public one', async () => {
    const a = app('http://127.0.0.1:4100');
    const health = await a.request('/health');
    const consents = await a.request('/consents');
    const page = await a.request('/page');
    const missing = await a.request('/nothing');
    for (const res of [health, consents, page, missing]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    expect(health.headers.get('cache-control')).toBeNull();
    expect(consents.headers.get('cache-control')).toBe('no-store');
  });

  it('add HSTS only when the participant is served over https', async () => {
    const res = await app('https://alzette.example').request('/health');
    expect(res.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
  });
});
