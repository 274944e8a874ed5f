import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

const PAUL = '1962042100048'; // held by alzette-hospital; not in Dr Thill's care

test('a clinician outside the care relationship can break the glass with a reason, reads the record, and ends it', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'marc.thill@moselle.example');
  await page.waitForURL(/\/diabetes$/);
  await page.goto(`/patients/${PAUL}`);
  await expect(page.getByRole('alert').filter({ hasText: 'This patient is not in your care' })).toBeVisible();
  const reason = page.getByLabel("Why do you need this patient's record now?");
  await reason.fill('urgent');
  await page.getByRole('button', { name: 'Start emergency access' }).click();
  await expect(page.getByText('Give a reason of at least 15 characters')).toBeVisible();
  await expectAccessible(page);

  await reason.fill('Admitted unconscious to the emergency department; suspected severe hypoglycaemia');
  await page.getByRole('button', { name: 'Start emergency access' }).click();
  const banner = page.getByTestId('break-glass-banner');
  await expect(banner).toContainText('Emergency access', { timeout: 60_000 });
  await expect(banner).toContainText('suspected severe hypoglycaemia');
  await expect(page.getByTestId('provider-alzette-hospital')).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
  await expect(page.getByTestId('patient-name')).toHaveText('Paul Hoffmann');
  await expectAccessible(page);

  await banner.getByRole('button', { name: 'End emergency access now' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'This patient is not in your care' })).toBeVisible();
});

test('a national id no provider holds says so, and offers no emergency access', async ({ page }) => {
  await signIn(page, 'marc.thill@moselle.example');
  await page.waitForURL(/\/diabetes$/);
  await page.goto('/patients/1999010100099');
  await expect(page.getByTestId('unknown-patient')).toHaveText('There is no record of this patient in the dataspace.', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Start emergency access' })).toHaveCount(0);
  await expectAccessible(page);
});
