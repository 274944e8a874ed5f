import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { providerOffers } from './dataspace-control';
import { expectAccessible, signIn as submitSignIn } from './helpers';

/** Signs in and waits for the landing page, so the next navigation does not cancel the sign-in. */
async function signIn(page: Page, email: string): Promise<void> {
  await submitSignIn(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

const MARIE = '1958031500017'; // held by alzette-hospital and moselle-clinic

// The web process negotiates with the real participants that the global set-up started; the first
// record read includes enrolment, catalogs, negotiations and transfers, so it gets a longer wait.
test.describe.configure({ mode: 'serial' });

test('a clinician opens a patient from the list and sees one record merged from both hospitals, each item with its source', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'sophie.reuter@alzette.example');
  // The endocrinologist's home is the diabetes panel (e2e/diabetes.e2e.ts); the whole record is at its address.
  await page.goto(`/patients/${MARIE}`);
  await expect(page.getByTestId('patient-name')).toHaveText('Marie Schmit', { timeout: 60_000 });
  for (const provider of ['alzette-hospital', 'moselle-clinic']) {
    await expect(page.getByTestId(`provider-${provider}`)).toHaveAttribute('data-status', 'ok');
  }
  await expect(page.getByTestId('missing-providers')).toHaveCount(0);
  // One patient, records at both hospitals.
  const demographics = page.getByRole('region', { name: 'Demographics' });
  await expect(demographics.getByTestId('source')).toHaveText(['alzette-hospital', 'moselle-clinic']);
  // Every test row names its sources, and both hospitals contributed.
  const observations = page.getByRole('region', { name: /^Observations/ });
  const rows = observations.locator('tbody tr');
  const count = await rows.count();
  expect(count).toBeGreaterThan(5);
  await expect(observations.locator('tbody tr td:last-child [data-testid="source"]').first()).toBeVisible();
  for (let i = 0; i < count; i += 1) expect(await rows.nth(i).locator('td:last-child [data-testid="source"]').count()).toBeGreaterThan(0);
  const sources = await observations.getByTestId('source').allTextContents();
  expect(new Set(sources)).toEqual(new Set(['alzette-hospital', 'moselle-clinic']));
  // HbA1c in both units, at the top of the record.
  await expect(page.getByTestId('summary-hba1c')).toContainText(/\d+ mmol\/mol \(\d+\.\d %\)/);
  await expectAccessible(page);
});

test('a clinician cannot open a patient outside their care', async ({ page }) => {
  await signIn(page, 'marc.thill@moselle.example');
  await page.goto('/patients/1962042100048');
  await expect(page.getByRole('alert').filter({ hasText: 'This patient is not in your care' })).toBeVisible();
});

test('the steward sees the participants, catalogs, agreements and transfers the app negotiated', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'nora.berg@ehealth.example');
  await page.goto('/dataspace');
  const participants = page.getByTestId('participants');
  for (const id of ['ehealth-agency', 'alzette-hospital', 'moselle-clinic', 'research-institute', 'd4h-clinic']) await expect(participants).toContainText(id);
  const agreements = page.getByTestId('agreements');
  await expect(agreements).toContainText('alzette-hospital → d4h-clinic');
  await expect(agreements).toContainText('moselle-clinic → d4h-clinic');
  await expect(agreements).toContainText('purpose is treatment (TREAT)');
  const transfers = page.getByTestId('transfers');
  await expect(transfers).toContainText('alzette-hospital');
  await expect(transfers).toContainText('moselle-clinic');
  await expect(transfers).toContainText('STARTED');
  await expect(page.getByTestId('negotiations')).toContainText('FINALIZED');
  await expect(page.getByTestId('catalog-alzette-hospital')).toContainText('purpose is treatment (TREAT)', { timeout: 30_000 });
  await expect(page.getByTestId('health')).toContainText('alzette-hospital');
  await expectAccessible(page);
});

test('a provider offers the app a contract; the app accepts what it uses and the steward sees OFFERED → ACCEPTED → FINALIZED', async ({ page }) => {
  test.setTimeout(90_000);
  // The app is enrolled (with its DSP address) since the first record read above.
  const { providerPid, state } = await providerOffers('moselle-clinic', { consumer: 'd4h-clinic', dataset: 'ehr', purpose: 'HRESCH' });
  expect(state).toBe('OFFERED');
  await signIn(page, 'nora.berg@ehealth.example');
  await page.goto('/dataspace');
  const offered = page.getByTestId('negotiations').getByRole('row').filter({ hasText: 'Offered by the provider' }).filter({ hasText: 'HRESCH' });
  await expect(async () => {
    await page.reload();
    await expect(offered.first()).toContainText('FINALIZED', { timeout: 3000 });
  }).toPass({ timeout: 30_000 });
  await expect(offered.first().locator('ol.history li')).toHaveText([/^OFFERED/, /^ACCEPTED/, /^AGREED/, /^VERIFIED/, /^FINALIZED/]);
  expect(providerPid).toMatch(/^urn:uuid:/);
  await expectAccessible(page);
});
