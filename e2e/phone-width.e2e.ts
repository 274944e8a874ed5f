import { expect, test, type Page } from '@playwright/test';
import { DEMO_USERS } from '../server/synthetic/demo-people';
import { NAV_ITEMS, NAV_KEYS } from '../server/auth/role-home';
import { signIn } from './helpers';

const oneUserPerRole = [...new Map(DEMO_USERS.map((u) => [u.role, u])).values()];

/** How far the page scrolls sideways (0 when everything reflows or scrolls inside its own card). */
const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.use({ viewport: { width: 390, height: 844 } });

test('the sign-in page does not scroll sideways on a phone', async ({ page }) => {
  await page.goto('/sign-in');
  expect(await sidewaysScroll(page)).toBe(0);
});

// The record page is checked by its own test (e2e/dataspace-record.e2e.ts).
for (const user of oneUserPerRole) {
  test(`no page of the ${user.role} scrolls sideways at 390 px`, async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, user.email);
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    const paths = [...NAV_KEYS.filter((k) => NAV_ITEMS[k].roles.includes(user.role)).map((k) => NAV_ITEMS[k].href), '/no-such-page', user.role === 'admin' ? '/dataspace' : '/admin'];
    for (const path of paths) {
      await page.goto(path);
      await expect(page.locator('main h1').first()).toBeVisible();
      // Let client components (tables filled by queries) render before measuring.
      await page.waitForLoadState('networkidle');
      expect(await sidewaysScroll(page), path).toBe(0);
    }
  });
}
