import { expect, test } from '@playwright/test';
import { LOCALE_COOKIE } from '../i18n/locales';
import { expectAccessible, signIn } from './helpers';

// Real HTTP status codes from the production build: `forbidden()` → 403, `notFound()` and an unknown
// address → 404, both rendered inside the signed-in shell with a link home.

test('a page of another role answers 403 inside the shell, with a way home', async ({ page }) => {
  await signIn(page, 'marie.schmit@example.lu');
  await expect(page).toHaveURL(/\/my-data$/);
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Not available for your role' })).toBeVisible();
  await expect(page.getByText('Users and care relationships')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Go to my home page' }).click();
  await expect(page).toHaveURL(/\/my-data$/);
});

test('an unknown address and a malformed patient id answer 404 inside the shell', async ({ page }) => {
  await signIn(page, 'sophie.reuter@alzette.example');
  await expect(page).toHaveURL(/\/diabetes$/);
  for (const path of ['/no-such-page', '/dataspace/nothing/here', '/patients/not-an-id']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
  }
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Go to my home page' }).click();
  await expect(page).toHaveURL(/\/diabetes$/);
});

test('the French 403 page is in French', async ({ page, context, baseURL }) => {
  await signIn(page, 'admin@d4h.example');
  await expect(page).toHaveURL(/\/admin$/);
  await context.addCookies([{ name: LOCALE_COOKIE, value: 'fr', url: baseURL ?? '' }]);
  const response = await page.goto('/dataspace');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'Non disponible pour votre rôle' })).toBeVisible();
});

test('the app has a favicon', async ({ page, request }) => {
  await page.goto('/sign-in');
  const href = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(href).toBeTruthy();
  const icon = await request.get(href ?? '');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
});
