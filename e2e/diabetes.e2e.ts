import { expect, test } from '@playwright/test';
import { controlParticipant } from './dataspace-control';
import { expectAccessible, signIn } from './helpers';

const HENRI = '1949060800079'; // alzette-hospital only; CKD with eGFR 25
const MARIE = '1958031500017'; // alzette-hospital and moselle-clinic

/**
 * The endocrinologist's workspace end to end, on real participants: the panel, a patient's options with
 * their sources and consent status, the basis, an override with a reason that shows in the history; the
 * eGFR 25 patient is never offered metformin and is offered an SGLT2i; a stopped provider is explained.
 */
test('panel → patient → options with sources and consent → basis → override → history', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'sophie.reuter@alzette.example');
  await page.waitForURL(/\/diabetes$/);
  const row = page.getByTestId(`panel-row-${HENRI}`);
  await expect(row).toBeVisible({ timeout: 60_000 });
  await expect(row.getByTestId('care-gaps')).toContainText('CKD, no SGLT2i');
  await expect(row.getByTestId('consent-status')).toContainText('consent active');
  await expectAccessible(page);

  await page.getByTestId(`panel-link-${HENRI}`).click();
  await page.waitForURL(new RegExp(`/diabetes/patients/${HENRI}$`));
  await expect(page.getByTestId('patient-name')).toContainText('Henri Schiltz', { timeout: 60_000 });
  await expect(page.getByTestId('consent-status').first()).toContainText('Alzette');

  // eGFR 25: an SGLT2 inhibitor first (CKD, ADA 2025), metformin never offered (eGFR < 30).
  const sglt2i = page.getByTestId('ranked-options').getByTestId('option-sglt2i');
  await expect(sglt2i).toHaveAttribute('data-rank', '1');
  await expect(page.getByTestId('ranked-options').getByTestId('option-metformin')).toHaveCount(0);
  const metformin = page.getByTestId('not-proposed').getByTestId('option-metformin');
  await expect(metformin).toHaveAttribute('data-group', 'excluded');
  await expect(metformin.getByTestId('exclusion-reasons')).toContainText('eGFR');
  await expect(page.getByTestId('automation-bias')).toBeVisible();
  await expect(page.getByTestId('top-factors')).toBeVisible();

  // The basis is open by default: each input with its provider and agreement, the model's hash.
  const basis = page.getByTestId('basis-panel');
  await expect(basis).toHaveAttribute('open', '');
  await expect(basis.getByTestId('basis-egfrMlMin173m2').getByTestId('source')).toContainText('Alzette');
  await expect(basis.getByTestId('basis-egfrMlMin173m2')).toContainText('agreement');
  await expect(basis.getByTestId('model-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(basis.getByTestId('validation-figures')).toContainText('RMSE');

  // Override the first option with a coded reason and a note; it shows in the history.
  const form = page.getByTestId('decision-form');
  await form.getByLabel('Override').check();
  await form.getByLabel('Instead').selectOption('glp1ra');
  await form.getByLabel('Reason').selectOption('patient-preference');
  await form.getByLabel('Note (optional)').fill('Prefers a weekly injection after discussion.');
  await form.getByRole('button', { name: 'Record override' }).click();
  await expect(form.getByRole('status')).toContainText('Decision recorded.');
  const decision = page.getByTestId('decision-history').getByTestId('decision').first();
  await expect(decision).toHaveAttribute('data-action', 'overridden');
  await expect(decision).toContainText('GLP-1 receptor agonist');
  await expect(decision).toContainText('Patient preference');
  await expect(decision).toContainText('Prefers a weekly injection after discussion.');
  await expectAccessible(page);
});

test('a stopped provider: the page says which data is missing and why, and withholds what depends on it', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, 'sophie.reuter@alzette.example');
  await page.waitForURL(/\/diabetes$/);
  // Both hospitals answer first (under load a provider's circuit breaker may be open for a few seconds).
  await page.goto(`/diabetes/patients/${MARIE}`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('patient-name')).toContainText('Marie Schmit', { timeout: 20_000 });
    await expect(page.getByTestId('missing-data')).toHaveCount(0);
  }).toPass({ timeout: 90_000 });
  await controlParticipant('kill', 'moselle-clinic');
  try {
    // The other hospital still answers: its data is used, the stopped one is named with what it means.
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId('missing-data')).toContainText('Clinique de la Moselle', { timeout: 20_000 });
      await expect(page.getByTestId('missing-data')).not.toContainText('Alzette');
    }).toPass({ timeout: 90_000 });
    await expect(page.getByTestId('missing-data')).toContainText('not included');
    await expect(page.getByTestId('patient-name')).toContainText('Marie Schmit');
    await expect(page.getByTestId('not-proposed').getByTestId('option-tzd')).toHaveAttribute('data-group', 'withheld');
    await expect(page.getByTestId('not-proposed').getByTestId('option-tzd')).toContainText('Clinique de la Moselle');
  } finally {
    await controlParticipant('restart', 'moselle-clinic');
  }
});
