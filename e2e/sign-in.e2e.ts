import { expect, test } from '@playwright/test';
import { DEMO_USERS } from '../server/synthetic/demo-people';
import { NAV_ITEMS, NAV_KEYS, ROLE_HOME } from '../server/auth/role-home';
import { expectAccessible, signIn } from './helpers';

const oneUserPerRole = [...new Map(DEMO_USERS.map((u) => [u.role, u])).values()];

test('the sign-in page is accessible', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expectAccessible(page);
});

for (const user of oneUserPerRole) {
  test(`${user.role} signs in, lands on their home, every page is accessible, signs out`, async ({ page }) => {
    await signIn(page, user.email);
    await expect(page).toHaveURL(new RegExp(`${ROLE_HOME[user.role]}$`));
    await expect(page.getByText(user.name).first()).toBeVisible();
    for (const key of NAV_KEYS.filter((k) => NAV_ITEMS[k].roles.includes(user.role))) {
      await page.goto(NAV_ITEMS[key].href);
      await expect(page.locator('main h1').first()).toBeVisible();
      await expectAccessible(page);
    }
    await page.getByLabel('User menu').click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto(ROLE_HOME[user.role]);
    await expect(page).toHaveURL(/\/sign-in/);
  });
}

test('a wrong password gets one generic message; five failures lock the account', async ({ page }) => {
  const email = 'tom.kieffer@moselle.example';
  await signIn(page, email, 'not-the-password');
  await expect(page.locator('#sign-in-error')).toHaveText('The email or password is not right.');
  for (let i = 0; i < 4; i++) {
    await signIn(page, email, `wrong-${i}`);
    await expect(page.locator('#sign-in-error')).toBeVisible();
  }
  await signIn(page, email);
  await expect(page.locator('#sign-in-error')).toContainText('Too many failed attempts');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('the language switch shows the app in French', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'FR' }).click();
  await expect(page.getByRole('heading', { name: 'Connexion' })).toBeVisible();
  await expect(page.getByLabel('Mot de passe')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'EN' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});
