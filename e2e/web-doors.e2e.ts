import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { baseURL } from '../playwright.config';
import { DEMO_PASSWORD } from '../server/synthetic/demo-people';
import { SIGN_IN_LIMITS } from '../server/auth/sign-in-rate-limit';
import { credentialsSignIn } from '../server/auth/testing/credentials-sign-in';
import { startWebServer, type StartedWebServer } from '../scripts/start-web-server';
import { signIn } from './helpers';

const port = new URL(baseURL).port;

test('after a plain sign-out, a copy of the session cookie reads nothing', async ({ browser, playwright }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'sophie.reuter@alzette.example');
  await expect(page).toHaveURL(/\/diabetes$/);
  const cookie = (await context.cookies()).find((c) => c.name === 'd4h.session');
  expect(cookie).toBeTruthy();
  const thief = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `${cookie!.name}=${cookie!.value}` } });
  expect((await thief.get('/api/trpc/session.me')).status()).toBe(200);

  await page.getByLabel('User menu').click();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  expect((await thief.get('/api/trpc/session.me')).status()).toBe(401);
  expect((await thief.get(`/api/trpc/patients.record?input=${encodeURIComponent(JSON.stringify({ json: { nationalId: '1958031500011' } }))}`)).status()).toBe(401);
  const pageAnswer = await thief.get('/diabetes', { maxRedirects: 0 });
  expect(pageAnswer.headers()['location'] ?? '').toContain('/sign-in');
  await thief.dispose();
});

test('the app opened at its bind address (127.0.0.1) may mutate; another origin may not', async ({ playwright }) => {
  const direct = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${port}` });
  const mutate = (origin: string) =>
    direct.post('/api/trpc/session.signOutEverywhere', { headers: { origin, 'content-type': 'application/json' }, data: '{}' });
  // The Origin check runs before the session check: 401 means the origin was accepted.
  expect((await mutate(`http://127.0.0.1:${port}`)).status()).toBe(401);
  expect((await mutate(`http://[::1]:${port}`)).status()).toBe(401);
  expect((await mutate(baseURL)).status()).toBe(401);
  expect((await mutate('https://evil.example')).status()).toBe(403);
  expect((await mutate(`http://127.0.0.1:${Number(port) + 1}`)).status()).toBe(403);
  await direct.dispose();
});

test('a tRPC batch of more than 10 calls is refused with 400 and the reason', async ({ request }) => {
  const batch = Array.from({ length: 11 }, () => 'session.me').join(',');
  const answer = await request.get(`/api/trpc/${batch}?batch=1&input=%7B%7D`);
  expect(answer.status()).toBe(400);
  expect(await answer.text()).toContain('A request may batch at most 10 calls');
});

test('malformed tRPC bodies get a generic message with the request id, no internal text', async ({ page }) => {
  await signIn(page, 'admin@d4h.example');
  await expect(page).toHaveURL(/\/admin$/);
  const answer = await page.request.post('/api/trpc/admin.createUser', {
    headers: { origin: baseURL, 'content-type': 'application/json', 'x-request-id': 'e2e-null-body' },
    data: 'null',
  });
  expect(answer.status()).toBe(400);
  const text = await answer.text();
  expect(text).toContain('The request could not be read. (request e2e-null-body)');
  expect(text).not.toMatch(/Cannot destructure|Maximum call stack|Invalid regular expression/);
});

/** A second web server of the same build, with its own database, whose public URL is https (as behind a TLS proxy). */
test.describe('a server whose public URL is https, reached directly', () => {
  let server: StartedWebServer;
  // Starting a second production server takes a while on a loaded machine.
  test.describe.configure({ timeout: 180_000 });
  test.beforeAll(async () => {
    server = await startWebServer({ DATABASE_URL: 'memory://', NEXTAUTH_URL: 'https://clinic.example.lu', NEXTAUTH_SECRET: randomBytes(32).toString('base64url') });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('sets every cookie Secure', async () => {
    const { location, cookies } = await credentialsSignIn(server.url, 'nora.berg@ehealth.example', DEMO_PASSWORD);
    expect(location).not.toContain('error');
    const session = cookies.find((c) => c.startsWith('__Secure-d4h.session='));
    expect(session).toBeTruthy();
    for (const cookie of cookies) expect(cookie, cookie).toMatch(/;\s*Secure/i);
  });

  test('a client changing X-Forwarded-For on each try is still one address to the sign-in limit', async () => {
    let last = '';
    for (let i = 0; i <= SIGN_IN_LIMITS.perAddress; i += 1) {
      last = (await credentialsSignIn(server.url, `nobody${i}@example.lu`, 'wrong', { 'x-forwarded-for': `203.0.113.${i + 1}` })).location;
    }
    expect(last).toContain('error=locked');
  });
});
