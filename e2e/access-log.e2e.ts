import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

const MARIE = '1958031500017'; // held by both hospitals, in the care of Dr Reuter (Alzette) and Dr Thill (Moselle)
const LUC = '1955012600062'; // held by both hospitals; not in Dr Thill's care
const REASON = 'Brought in unconscious after a fall; medication history needed now';

/** Providers forward access events about a second after the read: reload the log until they are there. */
async function openLogUntil(page: Page, text: string) {
  await expect(async () => {
    await page.goto('/my-data/access-log');
    await expect(page.getByTestId('access-log')).toContainText(text, { timeout: 3000 });
  }).toPass({ timeout: 60_000 });
}

test.describe.configure({ mode: 'serial' });

test('a clinician at each hospital reads the record; the patient sees both accesses in her log', async ({ browser }) => {
  test.setTimeout(180_000);
  for (const email of ['sophie.reuter@alzette.example', 'marc.thill@moselle.example']) {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, email);
    await page.waitForURL(/\/diabetes$/);
    await page.goto(`/patients/${MARIE}`);
    // The first read negotiates contracts; on a loaded machine a provider may time out once: ask again.
    await expect(async () => {
      if (await page.getByRole('button', { name: 'Ask again' }).isVisible()) await page.getByRole('button', { name: 'Ask again' }).click();
      await expect(page.getByTestId('provider-moselle-clinic')).toHaveAttribute('data-status', 'ok', { timeout: 15_000 });
      await expect(page.getByTestId('provider-alzette-hospital')).toHaveAttribute('data-status', 'ok', { timeout: 5_000 });
    }).toPass({ timeout: 90_000 });
    await page.close();
  }
  const page = await (await browser.newContext()).newPage();
  await signIn(page, 'marie.schmit@example.lu');
  await page.waitForURL(/\/my-data$/);
  await page.getByRole('navigation', { name: 'My data', exact: true }).getByRole('link', { name: 'Access log' }).click();
  await openLogUntil(page, 'Dr Marc Thill');
  const log = page.getByTestId('access-log');
  await expect(log.getByTestId('access-log-entry').filter({ hasText: 'Dr Sophie Reuter' }).filter({ hasText: 'read your data at Centre Hospitalier Alzette' }).first()).toBeVisible();
  await expect(log.getByTestId('access-log-entry').filter({ hasText: 'Dr Marc Thill' }).filter({ hasText: 'read your data at Clinique de la Moselle' }).first()).toBeVisible();
  // Filtered to one hospital, only its accesses remain.
  await page.getByLabel('Where').selectOption('moselle-clinic');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(log.getByTestId('access-log-entry').filter({ hasText: 'read your data at Centre Hospitalier Alzette' })).toHaveCount(0);
  await expect(log.getByTestId('access-log-entry').filter({ hasText: 'Dr Marc Thill' }).filter({ hasText: 'read your data at Clinique de la Moselle' }).first()).toBeVisible();
  await expectAccessible(page);
});

test("emergency access is highlighted in the patient's log with its reason, lands in the steward's queue, and ends", async ({ browser }) => {
  test.setTimeout(180_000);
  const clinician = await (await browser.newContext()).newPage();
  await signIn(clinician, 'marc.thill@moselle.example');
  await clinician.waitForURL(/\/diabetes$/);
  await clinician.goto(`/patients/${LUC}`);
  await clinician.getByLabel("Why do you need this patient's record now?").fill(REASON);
  await clinician.getByRole('button', { name: 'Start emergency access' }).click();
  await expect(clinician.getByTestId('provider-alzette-hospital')).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });

  const luc = await (await browser.newContext()).newPage();
  await signIn(luc, 'luc.klein@example.lu');
  await luc.waitForURL(/\/my-data$/);
  await openLogUntil(luc, REASON);
  const emergency = luc.locator('[data-testid="access-log-entry"][data-emergency="true"]').filter({ hasText: REASON }).first();
  await expect(emergency).toContainText('Emergency access');
  await expect(emergency).toContainText('Access runs until');
  await expect(luc.getByTestId('access-log-notices')).toContainText('Dr Marc Thill used emergency access to your record');
  await expectAccessible(luc);

  const steward = await (await browser.newContext()).newPage();
  await signIn(steward, 'nora.berg@ehealth.example');
  await steward.waitForURL(/\/dataspace$/);
  await steward.goto('/audit/emergency-access');
  const item = steward.getByTestId('break-glass-item').filter({ hasText: REASON });
  await expect(item).toContainText('Dr Marc Thill');
  await expect(item).toContainText('Running');
  await expectAccessible(steward);

  // The clinician ends it: it no longer runs, in the queue and in the patient's log.
  await clinician.getByTestId('break-glass-banner').getByRole('button', { name: 'End emergency access now' }).click();
  await expect(clinician.getByRole('alert').filter({ hasText: 'This patient is not in your care' })).toBeVisible();
  await steward.reload();
  await expect(steward.getByTestId('break-glass-item').filter({ hasText: REASON })).toContainText('Ended early');
  await luc.reload();
  await expect(luc.locator('[data-testid="access-log-entry"][data-emergency="true"]').filter({ hasText: REASON }).first()).toContainText('Ended early');

  // The steward reviews it; the review is audited and the item leaves the "to review" list.
  await steward.getByTestId('break-glass-item').filter({ hasText: REASON }).getByLabel('Your comment').fill('Confirmed with the emergency department log');
  await steward.getByTestId('break-glass-item').filter({ hasText: REASON }).getByRole('button', { name: 'Mark justified' }).click();
  await expect(steward.getByTestId('break-glass-item').filter({ hasText: REASON })).toHaveCount(0);
  await steward.getByRole('button', { name: 'Reviewed' }).click();
  await expect(steward.getByTestId('break-glass-item').filter({ hasText: REASON })).toContainText('Justified');
});

test('the patient downloads the export: a FHIR Bundle from both hospitals, with her consents and access log', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'marie.schmit@example.lu');
  await page.waitForURL(/\/my-data$/);
  await page.goto('/my-data/export');
  await page.getByRole('button', { name: 'Prepare my copy' }).click();
  await expect(page.getByTestId('export-progress')).toContainText('Your record at', { timeout: 60_000 });
  await expect(page.getByTestId('export-files')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('export-summary')).toContainText('Access log entries');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Everything in one file (FHIR Bundle, JSON)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^my-health-record-\d{4}-\d{2}-\d{2}\.json$/);
  const bundle = JSON.parse(await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'))) as { resourceType: string; type: string; entry: Array<{ resource: { resourceType: string; meta?: { source?: string } } }> };
  expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
  const patients = bundle.entry.filter((e) => e.resource.resourceType === 'Patient');
  expect(patients.length).toBe(2);
  expect(bundle.entry.some((e) => e.resource.resourceType === 'AuditEvent')).toBe(true);
  await expect(page.getByRole('link', { name: 'Results and measurements only (NDJSON)' })).toBeVisible();
  await expectAccessible(page);
});
