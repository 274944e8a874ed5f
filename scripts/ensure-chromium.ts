/**
 * Makes sure a Chromium is there for Playwright: CHROMIUM_PATH, else /usr/bin/chromium. When missing and
 * running as root on Debian, installs Debian's `chromium` package; otherwise says in one line how to.
 * (`npx playwright install` downloads a browser, which this project's machines cannot do.)
 */
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function run(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
}

export function ensureChromium(): void {
  if (fs.existsSync(chromiumPath)) return;
  const isRoot = process.getuid?.() === 0;
  const isDebian = fs.existsSync('/etc/debian_version');
  if (!isRoot || !isDebian || process.env.CHROMIUM_PATH) {
    console.error(`Chromium not found at ${chromiumPath}. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`);
    process.exit(1);
  }
  console.log('Installing Debian chromium for the browser tests…');
  if (!run('apt-get', ['update', '-qq']) || !run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-dejavu-core']) || !fs.existsSync(chromiumPath)) {
    console.error('Could not install chromium with apt-get; install it by hand: apt-get install -y chromium');
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
