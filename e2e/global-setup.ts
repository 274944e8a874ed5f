import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { ensureChromium } from '../scripts/ensure-chromium';
import { buildIsStale } from '../scripts/build-if-stale';
import { baseURL } from '../playwright.config';
import { startDataspace } from '../server/dataspace/testing/start-dataspace';
import { startDataspaceControl } from './dataspace-control';

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * Starts the four dataspace participants (real processes, small synthetic populations) and the
 * production web server on its own port with a fresh PGlite folder; returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  ensureChromium();
  if (buildIsStale()) {
    const build = spawnSync('node_modules/.bin/next', ['build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (build.status !== 0) throw new Error('next build failed');
  }
  const dataspace = await startDataspace({ seedPatients: Number(process.env.E2E_SEED_PATIENTS ?? 80) });
  // Workers start after this set-up and inherit the environment: tests find the participants here.
  process.env.E2E_DATASPACE = JSON.stringify({ authorityUrl: dataspace.authorityUrl, participants: dataspace.participants });
  const control = await startDataspaceControl(dataspace);
  process.env.E2E_DATASPACE_CONTROL = control.url;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'd4h-e2e-'));
  const port = new URL(baseURL).port;
  const web = spawn(process.execPath, ['--import', 'tsx', 'scripts/web-server.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: port,
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: path.join(dataDir, 'app'),
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: randomBytes(32).toString('base64url'),
      AUTHORITY_URL: dataspace.authorityUrl,
      DATASPACE_OPERATOR_TOKEN: dataspace.operatorToken,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = fs.createWriteStream(path.join('test-results', 'e2e-web.log'));
  fs.mkdirSync('test-results', { recursive: true });
  web.stdout.pipe(log);
  web.stderr.pipe(log);
  await waitForHttp(`${baseURL}/sign-in`, 60_000);
  return async () => {
    web.kill('SIGTERM');
    await new Promise((r) => web.once('exit', r));
    await control.close();
    await dataspace.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
