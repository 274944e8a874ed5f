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
import { e2eOidcProviders, resolveKeycloak, startKeycloak, type TStartedKeycloak } from './keycloak/keycloak';
import { e2eCdsClient } from './cds-client';

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
  // Keycloak (for the single sign-on tests) starts alongside the participants: it takes the longest.
  const keycloakDist = resolveKeycloak();
  if (!keycloakDist.ok) console.log(`\n[e2e] SSO tests will be SKIPPED: ${keycloakDist.reason}\n`);
  const port = new URL(baseURL).port;
  const [startedDataspace, startedKeycloak] = await Promise.allSettled([
    // Keycloak's start takes both cores for a minute or more: the participants get longer to be ready meanwhile.
    startDataspace({ seedPatients: Number(process.env.E2E_SEED_PATIENTS ?? 80), ...(keycloakDist.ok ? { timeoutMs: 300_000 } : {}) }),
    keycloakDist.ok ? startKeycloak(keycloakDist.home, baseURL) : Promise.resolve<TStartedKeycloak | null>(null),
  ]);
  if (startedDataspace.status === 'rejected' || startedKeycloak.status === 'rejected') {
    if (startedDataspace.status === 'fulfilled') await startedDataspace.value.stop();
    if (startedKeycloak.status === 'fulfilled') await startedKeycloak.value?.stop();
    throw startedDataspace.status === 'rejected' ? startedDataspace.reason : (startedKeycloak as PromiseRejectedResult).reason;
  }
  const dataspace = startedDataspace.value;
  const keycloak = startedKeycloak.value;
  if (keycloak) {
    console.log(`[e2e] Keycloak ${keycloakDist.ok ? keycloakDist.version : ''} ready at ${keycloak.url} after ${(keycloak.startupMs / 1000).toFixed(1)} s`);
    process.env.E2E_KEYCLOAK = JSON.stringify({ url: keycloak.url, adminUser: keycloak.adminUser, adminPassword: keycloak.adminPassword });
  } else {
    process.env.E2E_KEYCLOAK_MISSING = keycloakDist.ok ? 'not started' : keycloakDist.reason;
  }
  // Workers start after this set-up and inherit the environment: tests find the participants here.
  process.env.E2E_DATASPACE = JSON.stringify({ authorityUrl: dataspace.authorityUrl, participants: dataspace.participants });
  const control = await startDataspaceControl(dataspace);
  process.env.E2E_DATASPACE_CONTROL = control.url;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'd4h-e2e-'));
  // A CDS client (an EHR) registered in the allow-list; its private key reaches the tests through the environment.
  process.env.E2E_CDS_CLIENT = JSON.stringify(await e2eCdsClient(path.join(dataDir, 'cds-clients.json')));
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
      ...(keycloak ? { OIDC_PROVIDERS: e2eOidcProviders(keycloak.url) } : {}),
      CDS_CLIENTS_FILE: path.join(dataDir, 'cds-clients.json'),
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
    await keycloak?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
