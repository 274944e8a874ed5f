import { expect, test } from '@playwright/test';
import { signIn } from './helpers';
import { controlParticipant } from './dataspace-control';

const MARIE = '1958031500017'; // held by alzette-hospital and moselle-clinic

/**
 * kill -9 one hospital: the record page still shows the other hospital's data and names the missing
 * one; when the hospital is back, the next page load uses it again, with no restart of the web app.
 */
test('a provider killed with SIGKILL degrades the page, and is used again once it is back', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'sophie.reuter@alzette.example');
  await page.waitForURL(/\/diabetes$/);
  await page.goto(`/patients/${MARIE}`);
  await expect(page.getByTestId('provider-moselle-clinic')).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });

  await controlParticipant('kill', 'moselle-clinic');
  try {
    await page.reload();
    await expect(page.getByTestId('missing-providers')).toContainText('Clinique de la Moselle', { timeout: 30_000 });
    await expect(page.getByTestId('provider-moselle-clinic')).not.toHaveAttribute('data-status', 'ok');
    await expect(page.getByTestId('provider-alzette-hospital')).toHaveAttribute('data-status', 'ok');
    const sources = await page.getByRole('region', { name: /^Observations/ }).getByTestId('source').allTextContents();
    expect(sources.length).toBeGreaterThan(0);
    expect(new Set(sources)).toEqual(new Set(['alzette-hospital']));
    // The patient list (the endocrinologist's diabetes panel) names it too, and still lists the patient.
    await expect(async () => {
      await page.goto('/diabetes');
      await expect(page.getByTestId('panel-missing-providers')).toContainText('Clinique de la Moselle', { timeout: 5_000 });
    }).toPass({ timeout: 40_000 });
    await expect(page.getByTestId(`panel-row-${MARIE}`)).toBeVisible();
    await page.goto(`/patients/${MARIE}`);
  } finally {
    await controlParticipant('restart', 'moselle-clinic');
  }

  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('provider-moselle-clinic')).toHaveAttribute('data-status', 'ok', { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId('missing-providers')).toHaveCount(0);
});
