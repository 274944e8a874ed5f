import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('sign out everywhere ends the sessions on other devices too', async ({ browser }) => {
  const laptop = await (await browser.newContext()).newPage();
  const phone = await (await browser.newContext()).newPage();
  await signIn(laptop, 'sophie.reuter@alzette.example');
  await signIn(phone, 'sophie.reuter@alzette.example');
  await expect(phone).toHaveURL(/\/diabetes$/);
  await laptop.goto('/account');
  laptop.once('dialog', (dialog) => dialog.accept());
  await laptop.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(laptop).toHaveURL(/\/sign-in/);
  await phone.goto('/diabetes');
  await expect(phone).toHaveURL(/\/sign-in/);
});

test('an admin disabling an account ends its open session at once; re-enabling lets it sign in again', async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  const patient = await (await browser.newContext()).newPage();
  await signIn(patient, 'paul.hoffmann@example.lu');
  await expect(patient).toHaveURL(/\/my-data$/);
  await signIn(admin, 'admin@d4h.example');
  await expect(admin).toHaveURL(/\/admin$/);
  await admin.getByRole('button', { name: 'Disable: Paul Hoffmann' }).click();
  await expect(admin.getByRole('button', { name: 'Re-enable: Paul Hoffmann' })).toBeVisible();
  await patient.goto('/my-data');
  await expect(patient).toHaveURL(/\/sign-in/);
  await signIn(patient, 'paul.hoffmann@example.lu');
  await expect(patient.locator('#sign-in-error')).toHaveText('The email or password is not right.');
  await admin.getByRole('button', { name: 'Re-enable: Paul Hoffmann' }).click();
  await signIn(patient, 'paul.hoffmann@example.lu');
  await expect(patient).toHaveURL(/\/my-data$/);
});

test('an admin creates a clinician and gives them a patient; the clinician sees that patient', async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin@d4h.example');
  await admin.getByLabel('Name').fill('Dr Ana Costa');
  await admin.getByLabel('Email').fill('ana.costa@alzette.example');
  await admin.getByLabel('Role').selectOption('endocrinologist');
  await admin.getByLabel('Organisation').selectOption('alzette-hospital');
  await admin.getByLabel('Initial password (12 characters or more)').fill('short');
  await admin.getByRole('button', { name: 'Create' }).click();
  await expect(admin.getByText('At least 12 characters.')).toBeVisible();
  await admin.getByLabel('Initial password (12 characters or more)').fill('a-long-enough-password');
  await admin.getByRole('button', { name: 'Create' }).click();
  await expect(admin.getByRole('status')).toHaveText('User created.');
  await admin.getByLabel('Clinician').selectOption({ label: 'Dr Ana Costa' });
  await admin.getByLabel('Patient (national health identifier)').fill('1966072800031');
  await admin.getByRole('button', { name: 'Add' }).click();
  await expect(admin.getByRole('row').filter({ hasText: 'Dr Ana Costa' }).filter({ hasText: '1966072800031' })).toBeVisible();

  const clinician = await (await browser.newContext()).newPage();
  await signIn(clinician, 'ana.costa@alzette.example', 'a-long-enough-password');
  await expect(clinician).toHaveURL(/\/diabetes$/);
  await expect(clinician.getByRole('cell', { name: '1966072800031', exact: true })).toBeVisible();
});
