import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

// Issue 11, through the dashboard and against the real participants: a withdrawal of research consent
// leaves the research aggregate at the next request; blocking one hospital leaves its clinicians with
// "withdrawn" and no data while the other hospital's still see the record; the receipt verifies.
const MARIE = '1958031500017'; // in the care of Dr Reuter (Alzette) and of Dr Thill (Moselle)
const dataspace = JSON.parse(process.env.E2E_DATASPACE ?? '{}') as { authorityUrl: string };

/** How many people Alzette's research aggregate counts now (e2e/research-count.ts, a research analyst of the test's own). */
function counted(): number {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.resolve('e2e/research-count.ts')], { encoding: 'utf8', env: process.env, timeout: 90_000 });
  if (run.status !== 0) throw new Error(`research count failed: ${run.stderr}`);
  const { contributingRecords } = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as { contributingRecords: number | string };
  if (typeof contributingRecords !== 'number') throw new Error(`too few records to count: ${contributingRecords}`);
  return contributingRecords;
}

async function choose(page: Page, button: string, opts: { warning?: boolean } = {}) {
  await page.getByTestId(button).click();
  if (opts.warning) {
    await expect(page.getByTestId('care-warning')).toBeVisible();
    await page.getByTestId('confirm-restriction').click();
  }
  await expect(page.getByTestId('change-done')).toBeVisible({ timeout: 45_000 });
}

async function recordAs(page: Page, email: string) {
  await page.context().clearCookies();
  await signIn(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await page.goto(`/patients/${MARIE}`);
}

test('a patient withdraws research consent, blocks one hospital, and keeps a receipt that verifies', async ({ page }) => {
  test.setTimeout(300_000);
  const before = counted();

  await signIn(page, 'marie.schmit@example.lu');
  await page.waitForURL(/\/my-data$/);
  await expect(page.getByTestId('state-HRESCH')).toHaveText('allowed', { timeout: 30_000 });
  await expectAccessible(page);

  // Research: one click, no warning (it does not affect care); the next aggregate no longer counts her.
  await choose(page, 'toggle-HRESCH');
  await expect(page.getByTestId('change-done')).toContainText('Health research: withdrawn.');
  await expect(page.getByTestId('state-HRESCH')).toHaveText('not allowed');
  expect(counted()).toBe(before - 1);

  // Blocking Alzette may affect care: a warning first, then what changed and what each provider did.
  await page.getByLabel('Hospital or organisation').selectOption('alzette-hospital');
  await choose(page, 'block-organisation', { warning: true });
  const done = page.getByTestId('change-done');
  await expect(done).toContainText('Centre Hospitalier Alzette (synthetic): blocked.');
  await expect(page.getByTestId('provider-results')).toContainText('applied');
  const download = page.waitForEvent('download');
  await done.getByRole('button', { name: /Download receipt/ }).click();
  const file = await (await download).path();
  const receipt = fs.readFileSync(file, 'utf8');
  // The command a patient (or anyone) runs, against the authority's published keys.
  const cli = spawnSync(process.execPath, ['--import', 'tsx', path.resolve('scripts/receipt-verify.ts'), file, '--jwks', `${dataspace.authorityUrl}/.well-known/jwks.json`], { encoding: 'utf8', timeout: 60_000 });
  expect(cli.status, cli.stderr).toBe(0);
  expect(cli.stdout).toContain('VALID: signed by ehealth-agency');
  expect(cli.stdout).toContain('deny   HRESCH; data: all; recipients: all');
  expect(cli.stdout).toContain('deny   any; data: all; recipients: alzette-hospital');
  // The same file through the verification page, and a tampered copy.
  await page.goto('/my-data/verify');
  await page.getByTestId('receipt-file').setInputFiles(file);
  await page.getByTestId('verify-receipt').click();
  await expect(page.getByTestId('receipt-valid')).toContainText('Genuine receipt.');
  await page.getByTestId('receipt-text').fill(receipt.slice(0, -4) + (receipt.endsWith('AAAA') ? 'BBBB' : 'AAAA'));
  await page.getByTestId('verify-receipt').click();
  await expect(page.getByTestId('receipt-invalid')).toContainText('Not a valid receipt.');
  await expectAccessible(page);

  // A clinician at Alzette: withdrawn and no data, on the very next request; at Moselle the record is there.
  await recordAs(page, 'sophie.reuter@alzette.example');
  await expect(page.getByTestId('provider-alzette-hospital')).toHaveAttribute('data-status', 'denied', { timeout: 60_000 });
  await expect(page.getByTestId('provider-alzette-hospital')).toContainText('consent withdrawn');
  await expect(page.getByTestId('consent-basis-alzette-hospital')).toContainText('Decided by consent version');
  await expect(page.getByTestId('patient-name')).toHaveCount(0);
  await recordAs(page, 'marc.thill@moselle.example');
  await expect(page.getByTestId('provider-moselle-clinic')).toHaveAttribute('data-status', 'ok', { timeout: 60_000 });
  await expect(page.getByTestId('provider-alzette-hospital')).toHaveAttribute('data-status', 'ok');
  await expect(page.getByTestId('patient-name')).toHaveText('Marie Schmit');

  // History keeps both versions with their receipts; then she undoes both (other tests share the dataspace).
  await recordAs(page, 'marie.schmit@example.lu');
  await page.goto('/my-data/history');
  await expect(page.getByTestId('consent-history').locator('li.card')).toHaveCount(3); // the demo set-up, then her two changes
  await page.goto('/my-data');
  await page.getByTestId('blocks').getByRole('button', { name: 'Unblock' }).click();
  await expect(page.getByTestId('change-done')).toBeVisible({ timeout: 45_000 });
  await choose(page, 'toggle-HRESCH');
  await expect(page.getByTestId('state-HRESCH')).toHaveText('allowed');
  expect(counted()).toBe(before);
});
