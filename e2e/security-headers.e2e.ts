import { expect, test, type APIResponse } from '@playwright/test';

function expectSecurityHeaders(response: APIResponse) {
  const h = response.headers();
  expect(h['strict-transport-security']).toMatch(/max-age=(\d{8,}|3153[6-9]\d{3}|[4-9]\d{7}).*includeSubDomains/);
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(h['content-security-policy']).toContain("frame-ancestors 'none'");
}

test('pages, tRPC, auth routes and static files carry the security headers', async ({ request, page }) => {
  for (const url of ['/sign-in', '/api/trpc/session.me', '/api/auth/csrf', '/api/auth/session']) {
    expectSecurityHeaders(await request.get(url));
  }
  await page.goto('/sign-in');
  const script = await page.locator('script[src*="/_next/static/"]').first().getAttribute('src');
  expect(script).toBeTruthy();
  expectSecurityHeaders(await request.get(script!));
});

test('each page response has its own CSP nonce, and Next.js scripts carry it', async ({ request, page }) => {
  const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];
  const first = nonceOf((await request.get('/sign-in')).headers()['content-security-policy']);
  const second = nonceOf((await request.get('/sign-in')).headers()['content-security-policy']);
  expect(first).toBeTruthy();
  expect(first).not.toBe(second);
  const response = await page.goto('/sign-in');
  const nonce = nonceOf(response?.headers()['content-security-policy']);
  const scriptNonces = await page.locator('script').evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
});

test('tRPC: no session is 401, a mutation by GET is refused, a cross-origin mutation is 403, junk is 4xx', async ({ request, baseURL }) => {
  expect((await request.get('/api/trpc/session.me')).status()).toBe(401);
  expect((await request.get('/api/trpc/session.signOutEverywhere')).status()).toBe(405);
  const crossOrigin = await request.post('/api/trpc/session.signOutEverywhere', { headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, data: '{}' });
  expect([401, 403]).toContain(crossOrigin.status());
  const junk = await request.post('/api/trpc/admin.createUser', { headers: { origin: baseURL!, 'content-type': 'application/json' }, data: '{not json' });
  expect(junk.status()).toBeGreaterThanOrEqual(400);
  expect(junk.status()).toBeLessThan(500);
  const body = await junk.text();
  expect(body).not.toMatch(/at .*\.ts:\d+|SELECT|INSERT/);
  expect((await request.get('/api/trpc/no.such.procedure')).status()).toBe(404);
});
