/**
 * `npm start`: builds the web app when its build is missing or stale, then runs the dataspace participants
 * (the authority first, then the providers) and the web app as one group with prefixed logs. Ctrl-C
 * stops everything; a participant that dies is reported and the rest keep running (the app degrades).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { z } from 'zod';
import { ProcessGroup, type ManagedProcess } from './process-group';
import { buildIsStale } from './build-if-stale';
import { DEMO_PASSWORD, DEMO_USERS } from '@/server/synthetic/demo-people';
import { AUTHORITY_ID, PARTICIPANTS } from '@/server/dataspace/participants';
import { resolveOperatorToken } from '@/server/dataspace/runtime/operator-token';

const ZLauncherEnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).default('.data/app'),
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  SEED_PATIENTS: z.coerce.number().int().min(0).max(1_000_000).default(2000),
  PARTICIPANT_HOST: z.string().min(1).default('127.0.0.1'),
  /** Where each participant keeps its data; `{id}` becomes the participant id (one database each). */
  PARTICIPANT_DATABASE_TEMPLATE: z.string().includes('{id}', { message: 'must contain {id}' }).default('.data/participants/{id}'),
});

function fail(message: string): never {
  console.error(`launcher | ${message}`);
  process.exit(1);
}

const parsed = ZLauncherEnvSchema.safeParse(process.env);
if (!parsed.success) fail(`invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
const config = parsed.data;

fs.mkdirSync('.data', { recursive: true });
/** A secret that survives restarts, so sessions do too; replicas must share one set in the environment. */
function sessionSecret(): string {
  if (config.NEXTAUTH_SECRET) return config.NEXTAUTH_SECRET;
  const file = path.join('.data', 'nextauth-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

const publicUrl = `http://${config.HOST === '127.0.0.1' || config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}`;
const nextBin = path.join('node_modules', '.bin', 'next');

if (buildIsStale()) {
  console.log('launcher | building the web app (next build), about a minute on 2 cores…');
  const build = spawnSync(nextBin, ['build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (build.status !== 0) fail('next build failed; see above.');
}

const operatorToken = resolveOperatorToken({ OPERATOR_TOKEN_FILE: path.join('.data', 'dataspace-operator.token') });
const authority = PARTICIPANTS.find((p) => p.id === AUTHORITY_ID);
const authorityUrl = process.env.AUTHORITY_URL ?? `http://${config.PARTICIPANT_HOST}:${authority?.defaultPort ?? 4100}`;

const participantProcesses: ManagedProcess[] = PARTICIPANTS.map((p): ManagedProcess => ({
  name: p.id,
  command: process.execPath,
  args: ['--import', 'tsx', 'scripts/participant-server.ts', '--id', p.id],
  env: {
    PORT: String(p.defaultPort),
    HOST: config.PARTICIPANT_HOST,
    PARTICIPANT_DATABASE: config.PARTICIPANT_DATABASE_TEMPLATE.replaceAll('{id}', p.id),
    AUTHORITY_URL: authorityUrl,
    SEED_PATIENTS: String(config.SEED_PATIENTS),
    DATASPACE_OPERATOR_TOKEN: operatorToken,
  },
  readyWhen: /ready on http:\/\//,
  essential: false,
}));

const processes: ManagedProcess[] = [
  ...participantProcesses,
  {
    name: 'web',
    command: process.execPath,
    args: ['--import', 'tsx', 'scripts/web-server.ts'],
    env: {
      NODE_ENV: 'production',
      HOST: config.HOST,
      PORT: String(config.PORT),
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: config.DATABASE_URL,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? publicUrl,
      NEXTAUTH_SECRET: sessionSecret(),
      SEED_DEMO: config.SEED_DEMO,
      AUTHORITY_URL: authorityUrl,
      DATASPACE_OPERATOR_TOKEN: operatorToken,
    },
    readyWhen: /Ready in|ready on/i,
    essential: true,
  },
];

const group = new ProcessGroup(processes);
group
  .startAll([[AUTHORITY_ID], PARTICIPANTS.filter((p) => p.id !== AUTHORITY_ID).map((p) => p.id), ['web']])
  .then(() => {
    group.log('launcher', `D4H Clinic is running at ${publicUrl}`);
    if (config.SEED_DEMO === 'true') {
      group.log('launcher', `demo sign-ins (password ${DEMO_PASSWORD}):`);
      for (const u of DEMO_USERS) group.log('launcher', `  ${u.role.padEnd(16)} ${u.email}`);
    }
    group.log('launcher', 'press Ctrl-C to stop everything');
  })
  .catch((error: unknown) => group.stop(1, error instanceof Error ? error.message : String(error)));
