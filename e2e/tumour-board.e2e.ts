import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

const PAUL = '1962042100048'; // stage IV NSCLC, EGFR L858R; in Dr Rossi's care
const LUC = '1955012600062'; // metastatic colorectal cancer, KRAS G12C; in Dr Rossi's care

const MEMBERS = ['Dr Elena Rossi', 'Dr Jean Faber', 'Dr Ines Kremer', 'Dr Paul Lentz', 'Dr Mia Schiltz'];

async function nominate(page: Page, nationalId: string, question: string) {
  await page.getByLabel('Patient', { exact: true }).selectOption(nationalId);
  await page.getByLabel('The question for the board').fill(question);
  await page.getByRole('button', { name: 'Nominate', exact: true }).click();
  await expect(page.getByTestId('agenda').getByRole('link', { name: nationalId })).toBeVisible();
}

test('an oncologist schedules a molecular board, nominates, prepares, presents, decides with quorum, signs and prints the protocol', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, 'elena.rossi@alzette.example');
  await page.waitForURL(/\/oncology$/);
  await expect(page.getByRole('heading', { name: 'Upcoming sessions' })).toBeVisible();

  // Schedule a session of the molecular tumour board with its members (one per quorum discipline).
  await page.getByLabel('Board', { exact: true }).selectOption('molecular');
  const tomorrow = new Date(Date.now() + 86_400_000);
  await page.getByLabel('Date and time').fill(`${tomorrow.toISOString().slice(0, 10)}T14:00`);
  for (const [i, name] of MEMBERS.entries()) {
    await page.getByRole('button', { name: 'Add a member' }).click();
    await page.locator(`#member-name-${i}`).fill(name);
  }
  await page.getByRole('button', { name: 'Schedule' }).click();
  await page.waitForURL(/\/oncology\/sessions\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Dr Mia Schiltz (Molecular biology)')).toBeVisible();

  // The question is checked on the client with the procedure's own schema.
  await page.getByLabel('Patient', { exact: true }).selectOption(PAUL);
  await page.getByLabel('The question for the board').fill('short');
  await page.getByRole('button', { name: 'Nominate', exact: true }).click();
  await expect(page.locator('#nominate-question-error')).toBeVisible();
  await nominate(page, PAUL, 'First-line targeted therapy for EGFR L858R stage IV adenocarcinoma?');
  await nominate(page, LUC, 'Options after progression on FOLFOX for KRAS G12C mCRC?');
  await expect(page.getByTestId('agenda-case')).toHaveCount(2);
  await expect(page.getByTestId('agenda-case').first().getByTestId('case-state')).toHaveText('nominated');
  await expectAccessible(page);

  // The case page: the record from every provider, the checklist with what is missing, the evidence.
  await page.getByTestId('agenda').getByRole('link', { name: PAUL }).click();
  await expect(page.getByTestId('case-patient')).toContainText('Paul Hoffmann', { timeout: 60_000 });
  await expect(page.getByTestId('checklist-molecular')).toHaveAttribute('data-present', 'true');
  await expect(page.getByTestId('checklist-pathology')).toHaveAttribute('data-present', 'true');
  await expect(page.getByTestId('checklist-imaging')).toHaveAttribute('data-present', 'false');
  await expect(page.getByTestId('case-timeline')).toBeVisible();
  await expect(page.getByTestId('case-items').getByTestId('item-consent').first()).toHaveText('consent active');
  const osimertinib = page.getByTestId('evidence-match').filter({ hasText: 'osimertinib' }).first();
  await expect(osimertinib).toHaveAttribute('data-level', '1');
  await expect(osimertinib).toContainText('EGFR L858R');
  await expect(osimertinib.getByRole('link', { name: /PMID/ }).first()).toBeVisible();
  // A matching trial: the first-line EGFR trial is not ruled out, its variant criterion met (prior lines unknown).
  const trial = page.getByTestId('trial-match').and(page.locator('[data-trial="ILL-NSCLC-EGFR-01"]'));
  await expect(trial).toHaveAttribute('data-overall', 'possible');
  await expect(trial.locator('[data-criterion="requiredVariants"]')).toHaveAttribute('data-status', 'met');
  await expect(page.getByTestId('trials')).toContainText('Illustrative trials');
  // Ready only once the missing imaging report is knowingly accepted.
  const markReady = page.getByRole('button', { name: 'Mark ready for the board' });
  await expect(markReady).toBeDisabled();
  await page.getByLabel('Imaging report').check();
  await markReady.click();
  await expect(page.locator('.case-head').getByTestId('case-state')).toHaveText('ready', { timeout: 60_000 });
  await expectAccessible(page);

  // Presentation mode: one case per screen, → and ← between the session's cases, Esc back.
  await page.getByRole('link', { name: 'Present' }).click();
  await expect(page.getByTestId('presentation-patient')).toContainText('Paul Hoffmann', { timeout: 60_000 });
  await expect(page.getByText('Case 1 of 2')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('presentation-patient')).toContainText('Luc Klein', { timeout: 60_000 });
  // KRAS G12C in colorectal cancer: sotorasib alone is not standard, and the page says why.
  const evidence = page.getByTestId('evidence');
  await expect(evidence).toContainText('KRAS G12C');
  await expect(page.locator('[data-testid="evidence-match"][data-level="1"][data-drugs="sotorasib"]')).toHaveCount(0);
  await expect(evidence.locator('[data-testid="evidence-non-matches"] li[data-drugs*="sotorasib"]')).toHaveCount(1);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('presentation-patient')).toContainText('Paul Hoffmann', { timeout: 60_000 });
  await page.keyboard.press('Escape');
  await page.waitForURL(/\/oncology\/cases\/[0-9a-f-]{36}$/);

  // The decision: no quorum without the attendees; with them, the chair finalises and signs.
  await expect(page.getByTestId('case-patient')).toContainText('Paul Hoffmann', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Add a recommendation' }).click();
  await page.getByLabel('Recommendation 1').fill('Osimertinib 80 mg once daily (FLAURA)');
  await page.getByLabel('Rationale').fill('EGFR L858R, stage IV, ECOG 1: osimertinib first line.');
  await page.getByLabel('Evidence level').selectOption('oncokb-1');
  await expect(page.getByTestId('quorum')).toContainText('No quorum yet');
  await page.getByRole('button', { name: 'All members attended' }).click();
  await expect(page.getByTestId('quorum')).toHaveText('Quorum met.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Draft saved.')).toBeVisible();
  await expect(page.getByTestId('draft-revision')).toContainText('revision 1');
  await page.getByRole('button', { name: 'Finalise and sign' }).click();
  const final = page.getByTestId('final-decision');
  await expect(final).toContainText('Final decision, version 1');
  await expect(final).toContainText('signed by Dr Elena Rossi');
  await expect(final).toContainText('Osimertinib 80 mg once daily');
  await expect(page.locator('.case-head').getByTestId('case-state')).toHaveText('discussed');
  await expect(page.getByRole('button', { name: 'Save draft' })).toHaveCount(0);
  await expectAccessible(page);

  // The printable protocol: cases, the signed decision, attendees; printed to PDF.
  await page.getByRole('link', { name: /Molecular tumour board/ }).click();
  await page.getByRole('link', { name: 'Protocol' }).click();
  const protocol = page.getByTestId('protocol');
  await expect(protocol.getByTestId('protocol-case')).toHaveCount(2);
  await expect(protocol).toContainText('Osimertinib 80 mg once daily');
  await expect(protocol).toContainText('Dr Paul Lentz (Pathology)');
  await expect(protocol).toContainText('signed by Dr Elena Rossi');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.sidebar')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

  // The decision is on the patient's record page.
  await page.emulateMedia({ media: 'screen' });
  await page.goto(`/patients/${PAUL}`);
  await expect(page.getByTestId('board-decisions')).toContainText('Osimertinib 80 mg once daily', { timeout: 60_000 });
});
