import { expect, test, type Page } from '@playwright/test';
import { CONDITION_CLINICAL_STATUS } from '../server/terminology/conditions';
import { KNOWN_CONCEPT_NAMES } from '../server/terminology/concepts';
import { MEDICATION_STATUS } from '../server/terminology/medications';
import { ECOG_GRADES, MCODE_KINDS } from '../server/terminology/mcode';
import { baseURL } from '../playwright.config';
import { expectAccessible, signIn as submitSignIn } from './helpers';

const MARIE = '1958031500017'; // type 2 diabetes, held by alzette-hospital and moselle-clinic
const LUC = '1955012600062'; // colon cancer and type 2 diabetes, at both hospitals and the genomics lab

async function signIn(page: Page, email: string): Promise<void> {
  await submitSignIn(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/** Opens a record and waits until every provider holding the patient answered (the first read of a provider negotiates a contract first). */
async function openRecord(page: Page, nationalId: string): Promise<void> {
  await page.goto(`/patients/${nationalId}`);
  await expect(async () => {
    await expect(page.getByTestId('patient-name')).not.toBeEmpty({ timeout: 30_000 });
    if ((await page.getByTestId('missing-providers').count()) > 0) {
      await page.reload();
      throw new Error('a provider did not answer yet');
    }
  }).toPass({ timeout: 120_000 });
}

/** The page is not wider than the window: nothing scrolls sideways but the tables inside their cards. */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe.configure({ mode: 'serial' });

test('the demo patient held by two hospitals shows each condition once, with both sources where both hold it', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, 'sophie.reuter@alzette.example');
  await openRecord(page, MARIE);
  const conditions = page.getByTestId('conditions');
  const names = await conditions.getByTestId('condition-name').allTextContents();
  expect(names.length).toBeGreaterThan(2);
  expect(new Set(names).size).toBe(names.length);
  const diabetes = conditions.locator('tbody tr').filter({ has: page.getByTestId('condition-name').getByText('Type 2 diabetes', { exact: true }) });
  await expect(diabetes).toHaveCount(1);
  await expect(diabetes.getByTestId('source')).toHaveText(['alzette-hospital', 'moselle-clinic']);
  // Medicines once per ingredient, the history behind a button.
  const medicines = await page.getByTestId('medications').getByTestId('medication-name').allTextContents();
  expect(new Set(medicines).size).toBe(medicines.length);
  // Creatinine in µmol/L with mg/dL beside it; eGFR in a unit for people; dates in en-GB style.
  const creatinine = page.getByTestId('observations').locator('tbody tr').filter({ has: page.getByText('Creatinine', { exact: true }) });
  await expect(creatinine.getByTestId('value')).toHaveText(/^\d+ µmol\/L \(\d\.\d\d mg\/dL\)$/);
  await expect(page.getByTestId('summary-egfr')).toContainText('mL/min/1.73 m²');
  await expect(page.getByText('15 Mar 1958')).toBeVisible();
  // The series of a test opens with every result and its source.
  await page.getByTestId('series-toggle-family|hba1c').click();
  const series = page.getByTestId('series-family|hba1c').getByRole('list', { name: /^Every result of HbA1c/ });
  await expect(series.locator('li').first()).toContainText('mmol/mol');
  expect(await series.locator('li').count()).toBeGreaterThan(4);
  await expectAccessible(page);
});

test('an oncology patient shows the cancer, its stage, an ECOG grade and the disease status in the summary', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, 'elena.rossi@alzette.example');
  await openRecord(page, LUC);
  await expect(page.getByTestId('summary-cancer')).toContainText('Colon cancer');
  await expect(page.getByTestId('summary-stage-value')).toHaveText('IV');
  await expect(page.getByTestId('summary-ecog-value')).toHaveText(/^[0-4] — \S/);
  await expect(page.getByTestId('oncology').getByTestId('oncology-ecog').first()).toHaveText(/^[0-4] — /);
  await expect(page.getByTestId('summary-diseaseStatus-value')).not.toBeEmpty();
  await expectAccessible(page);
});

test('at 390 px the record and the patient list do not scroll sideways', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, 'sophie.reuter@alzette.example');
  // The endocrinologist's patient list is the diabetes panel.
  await expect(page.getByTestId(`panel-row-${MARIE}`)).toBeVisible({ timeout: 60_000 });
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await openRecord(page, MARIE);
  await expect(page.getByTestId('observations')).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  // The wide tables scroll inside their card, from the keyboard too.
  const wrap = page.getByTestId('observations').locator('xpath=..');
  await expect(wrap).toHaveAttribute('tabindex', '0');
  await expectAccessible(page);
});

test('the French record page shows no English clinical name the terminology translates', async ({ page, context }) => {
  test.setTimeout(240_000);
  await signIn(page, 'sophie.reuter@alzette.example');
  await context.addCookies([{ name: 'NEXT_LOCALE', value: 'fr', url: baseURL }]);
  await openRecord(page, LUC);
  await expect(page.getByRole('heading', { name: 'En bref' })).toBeVisible();
  await page.getByTestId('series-toggle-family|hba1c').click();
  // A provider's free text (a report's conclusion) is in the provider's own words and language, not translated.
  const text = await page.locator('main').evaluate((main: HTMLElement) => {
    for (const e of main.querySelectorAll<HTMLElement>('[data-provider-text]')) e.style.display = 'none';
    return main.innerText;
  });
  const names = [...KNOWN_CONCEPT_NAMES, ...Object.values(MCODE_KINDS).map((k) => k.name), ...ECOG_GRADES, ...Object.values(CONDITION_CLINICAL_STATUS), ...Object.values(MEDICATION_STATUS)];
  const asWord = (name: string) => new RegExp(`(^|[^\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u');
  // An English name that is also a French word or part of a French name ("active", "Hypertension" in
  // "Hypertension artérielle") cannot tell the languages apart, so it is not looked for.
  const french = names.map((n) => n.fr);
  const candidates = [...new Set(names.filter((n) => n.en !== n.fr).map((n) => n.en))].filter((en) => !french.some((fr) => asWord(en).test(fr)));
  const english = candidates.filter((en) => asWord(en).test(text));
  expect(candidates.length).toBeGreaterThan(50);
  expect(english).toEqual([]);
  // And the French names are there: the check above would pass on an empty page.
  expect(text).toContain('Diabète de type 2');
  expect(text).toContain('Cancer du côlon');
  expect(text).toContain('26 janv. 1955');
  // fr-LU groups thousands with a dot (1.000).
  expect(text).toMatch(/1[.\s]?000 mg deux fois par jour/);
});

test('"Patients in your care" lists name, age, sex, main problem and key result, and searches and sorts', async ({ page }) => {
  test.setTimeout(240_000);
  // The oncologist's home keeps the general list (the endocrinologist's is the diabetes panel, e2e/diabetes.e2e.ts).
  await signIn(page, 'elena.rossi@alzette.example');
  const luc = page.getByTestId(`patient-row-${LUC}`);
  await expect(luc).toBeVisible({ timeout: 60_000 });
  await expect(luc.getByTestId(`patient-link-${LUC}`)).toHaveText('Luc Klein');
  await expect(luc.getByTestId('main-problem')).not.toBeEmpty();
  await expect(luc.getByTestId('key-result')).toContainText('Colon cancer, stage IV', { timeout: 60_000 });
  const names = () => page.getByTestId('patients-in-care').locator('tbody tr td:first-child a').allTextContents();
  const sorted = await names();
  expect(sorted.length).toBeGreaterThan(1);
  expect(sorted).toEqual([...sorted].sort((a, b) => a.localeCompare(b)));
  await page.getByRole('button', { name: 'Name' }).click();
  expect(await names()).toEqual([...sorted].reverse());
  await page.getByLabel('Search').fill('klein');
  expect(await names()).toEqual(['Luc Klein']);
  await expectAccessible(page);
});
