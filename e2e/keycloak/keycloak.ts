import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { freePort } from '../../server/dataspace/testing/start-dataspace';

const HERE = path.resolve('e2e/keycloak');
const POM = path.join(HERE, 'pom.xml');
/** The realms the e2e test signs in to, one per hospital (one issuer each). */
export const E2E_REALMS = ['alzette', 'moselle'] as const;

export type TKeycloakResolution = { ok: true; home: string; version: string } | { ok: false; reason: string };

function onPath(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/**
 * The Keycloak distribution (org.keycloak:keycloak-quarkus-dist, version pinned in e2e/keycloak/pom.xml),
 * resolved by Maven from Maven Central into ~/.m2 and unpacked under e2e/keycloak/target/ on first use.
 * Without Java or Maven it answers why, and the SSO tests are skipped saying so.
 */
export function resolveKeycloak(): TKeycloakResolution {
  const version = /<keycloak\.version>([^<]+)<\/keycloak\.version>/.exec(fs.readFileSync(POM, 'utf8'))?.[1];
  if (!version) throw new Error(`${POM} pins no keycloak.version`);
  const home = path.join(HERE, 'target', `keycloak-${version}`);
  // For a developer running one e2e file that does not sign in through SSO: Keycloak's start takes both
  // cores for a minute. CI never sets it, so the SSO tests always run there.
  if (process.env.E2E_SKIP_KEYCLOAK === '1') return { ok: false, reason: 'E2E_SKIP_KEYCLOAK=1 (set by the developer; CI never sets it)' };
  if (!onPath('java', ['-version'])) return { ok: false, reason: 'no `java` on PATH (Keycloak needs Java 17 or later; Debian: apt-get install openjdk-17-jre-headless)' };
  if (fs.existsSync(path.join(home, 'bin', 'kc.sh'))) return { ok: true, home, version };
  if (!onPath('mvn', ['-v'])) return { ok: false, reason: 'no `mvn` on PATH to fetch Keycloak from Maven Central (Debian: apt-get install maven)' };
  console.log(`[e2e] fetching Keycloak ${version} from Maven Central (mvn -f e2e/keycloak/pom.xml)…`);
  const mvn = spawnSync('mvn', ['-q', '-B', '-f', POM, 'process-resources'], { stdio: 'inherit' });
  if (mvn.status !== 0 || !fs.existsSync(path.join(home, 'bin', 'kc.sh'))) return { ok: false, reason: `mvn could not fetch keycloak-quarkus-dist ${version} (exit ${mvn.status})` };
  return { ok: true, home, version };
}

export interface TStartedKeycloak {
  url: string;
  adminUser: string;
  adminPassword: string;
  /** Milliseconds from spawn to both realms answering their discovery document. */
  startupMs: number;
  stop(): Promise<void>;
}

/**
 * Starts Keycloak in dev mode on a free loopback port with an in-memory H2 database, importing the
 * checked-in realms with the app's URL filled in (redirect, back-channel logout and post-logout URIs).
 * Resolves once both realms answer; the log goes to test-results/e2e-keycloak.log.
 */
export async function startKeycloak(home: string, appUrl: string, timeoutMs = 420_000): Promise<TStartedKeycloak> {
  const port = await freePort();
  const importDir = fs.mkdtempSync(path.join(os.tmpdir(), 'd4h-keycloak-'));
  for (const realm of E2E_REALMS) {
    const text = fs.readFileSync(path.join(HERE, 'realms', `${realm}-realm.json`), 'utf8').replaceAll('__APP_URL__', appUrl);
    fs.writeFileSync(path.join(importDir, `${realm}-realm.json`), text);
  }
  const adminUser = 'e2e-admin';
  const adminPassword = randomBytes(12).toString('base64url');
  fs.mkdirSync('test-results', { recursive: true });
  const log = fs.createWriteStream(path.join('test-results', 'e2e-keycloak.log'));
  const started = Date.now();
  const child = spawn(
    path.join(home, 'bin', 'kc.sh'),
    ['start-dev', '--db=dev-mem', '--http-host=127.0.0.1', `--http-port=${port}`, '--import-realm', `-Dkeycloak.migration.dir=${importDir}`],
    {
      // Own process group: kc.sh starts java as its child, and both must go at teardown.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        KC_BOOTSTRAP_ADMIN_USERNAME: adminUser,
        KC_BOOTSTRAP_ADMIN_PASSWORD: adminPassword,
        // A bounded heap (the default takes a share of the machine's memory) on a 2-core test machine.
        JAVA_OPTS_KC_HEAP: '-Xms64m -Xmx512m',
      },
    },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  const stop = async () => {
    if (exited === null && child.pid) {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    fs.rmSync(importDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`Keycloak exited with code ${exited} before it was ready; see test-results/e2e-keycloak.log`);
    }
    const ready = await Promise.all(E2E_REALMS.map((r) => fetch(`${url}/realms/${r}/.well-known/openid-configuration`).then((res) => res.ok, () => false)));
    if (ready.every(Boolean)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Keycloak did not answer within ${timeoutMs / 1000} s; see test-results/e2e-keycloak.log`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  const startupMs = Date.now() - started;
  // One login page per realm renders its templates once, so the first test does not wait for that.
  for (const realm of E2E_REALMS) {
    const login = new URL(`${url}/realms/${realm}/protocol/openid-connect/auth`);
    login.search = new URLSearchParams({ client_id: 'd4h-clinic', response_type: 'code', scope: 'openid', redirect_uri: `${appUrl}/api/auth/callback/${realm}` }).toString();
    await fetch(login).then((r) => r.arrayBuffer(), () => undefined);
  }
  return { url, adminUser, adminPassword, startupMs, stop };
}

/** OIDC_PROVIDERS for the web app under test: the two hospitals' realms with the realms' role names mapped. */
export function e2eOidcProviders(keycloakUrl: string): string {
  const roleMap = { endocrinology: 'endocrinologist', oncology: 'oncologist', 'data-protection': 'steward', 'it-admin': 'admin' };
  return JSON.stringify([
    { id: 'alzette', name: 'Alzette Hospital', issuer: `${keycloakUrl}/realms/alzette`, clientId: 'd4h-clinic', clientSecret: 'alzette-e2e-client-secret', claims: { roles: 'hospital_roles', nationalId: 'national_id' }, roleMap, organisations: ['alzette-hospital'] },
    { id: 'moselle', name: 'Moselle Clinic', issuer: `${keycloakUrl}/realms/moselle`, clientId: 'd4h-clinic', clientSecret: 'moselle-e2e-client-secret', claims: { roles: 'hospital_roles', nationalId: 'national_id' }, roleMap, organisations: ['moselle-clinic'] },
  ]);
}
