import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

// Throw-away: screenshots for a person to look at (not committed).
const OUT = '/tmp/consent-shots';
fs.mkdirSync(OUT, { recursive: true });

test('screenshots of the consent pages', async ({ page, context, baseURL }) => {
  test.setTimeout(400_000);
  await signIn(page, 'marie.schmit@example.lu');
  await page.waitForURL(/\/my-data$/);
  let receipt = '';
  for (const locale of ['en', 'fr']) {
    await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: baseURL ?? 'http://localhost:3215' }]);
    for (const width of [1360, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/my-data');
      await expect(page.getByTestId('state-HRESCH')).toBeVisible({ timeout: 30_000 });
      await page.screenshot({ path: `${OUT}/dashboard-${locale}-${width}.png`, fullPage: true });
      if (width === 1360) {
        await page.getByTestId('toggle-emergency').click();
        await expect(page.getByTestId('care-warning')).toBeVisible();
        await page.screenshot({ path: `${OUT}/warning-${locale}-${width}.png`, fullPage: false });
        await page.getByTestId('care-warning').getByRole('button').nth(1).click();
        await page.getByTestId('toggle-MLTRAIN').click();
        await expect(page.getByTestId('applying').or(page.getByTestId('change-done'))).toBeVisible();
        await page.screenshot({ path: `${OUT}/applying-${locale}-${width}.png`, fullPage: false });
        await expect(page.getByTestId('change-done')).toBeVisible({ timeout: 45_000 });
        await page.screenshot({ path: `${OUT}/done-${locale}-${width}.png`, fullPage: true });
      }
      await page.goto('/my-data/history');
      await expect(page.getByTestId('consent-history')).toBeVisible({ timeout: 30_000 });
      await page.screenshot({ path: `${OUT}/history-${locale}-${width}.png`, fullPage: true });
      if (!receipt) {
        const d = page.waitForEvent('download');
        await page.getByTestId('consent-history').getByRole('button').first().click();
        receipt = fs.readFileSync(await (await d).path(), 'utf8');
      }
      await page.goto('/my-data/verify');
      await page.getByTestId('receipt-text').fill(receipt);
      await page.getByTestId('verify-receipt').click();
      await expect(page.getByTestId('receipt-valid')).toBeVisible({ timeout: 20_000 });
      await page.screenshot({ path: `${OUT}/verify-valid-${locale}-${width}.png`, fullPage: true });
      await page.getByTestId('receipt-text').fill(receipt.slice(0, -3) + 'xyz');
      await page.getByTestId('verify-receipt').click();
      await expect(page.getByTestId('receipt-invalid')).toBeVisible({ timeout: 20_000 });
      await page.screenshot({ path: `${OUT}/verify-invalid-${locale}-${width}.png`, fullPage: true });
    }
  }
  // Restore what the screenshots toggled (AI training went on, then off again across the two locales).
});
