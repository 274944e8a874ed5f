/**
 * Signs in as each demo role against a running app and saves a screenshot of every page it can reach,
 * for a person to look at: `npx tsx scripts/screenshots.ts [baseUrl] [outDir]`.
 */
import fs from 'node:fs';
import { chromium } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USERS } from '@/db/app/demo-users';
import { NAV_ITEMS, NAV_KEYS } from '@/server/auth/role-home';

const baseUrl = process.argv[2] ?? 'http://localhost:3000';
const outDir = process.argv[3] ?? '.data/screenshots';
fs.mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const seen = new Set<string>();
const anonymous = await browser.newPage({ viewport: { width: 1360, height: 860 } });
await anonymous.goto(`${baseUrl}/sign-in`);
await anonymous.screenshot({ path: `${outDir}/sign-in.png`, fullPage: true });
for (const user of DEMO_USERS) {
  if (seen.has(user.role)) continue;
  seen.add(user.role);
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, locale: process.env.LOCALE ?? 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel(/email|e-mail/i).fill(user.email);
  await page.getByLabel(/password|mot de passe/i).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /sign in|se connecter/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  for (const key of NAV_KEYS) {
    if (!NAV_ITEMS[key].roles.includes(user.role)) continue;
    await page.goto(`${baseUrl}${NAV_ITEMS[key].href}`);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${outDir}/${user.role}-${key}.png`, fullPage: true });
  }
  await context.close();
}
await browser.close();
console.log(`screenshots in ${outDir}`);
