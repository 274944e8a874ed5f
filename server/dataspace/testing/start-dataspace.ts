import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { PARTICIPANTS, type ParticipantId } from '@/server/dataspace/participants';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const SERVER_SCRIPT = path.join(REPO_ROOT, 'scripts/participant-server.ts');

export interface StartedParticipant {
  id: ParticipantId;
  url: string;
  port: number;
}

export interface Dataspace {
  participants: Record<ParticipantId, StartedParticipant>;
  authorityUrl: string;
  operatorToken: string;
  /** Output of every process so far (for debugging a failing test). */
  logs: () => string;
  /** SIGKILL one participant (no clean shutdown). */
  kill: (id: ParticipantId) => Promise<void>;
  /** Start a killed participant again on the same port and database (with extra env, if given); resolves when it is ready. */
  restart: (id: ParticipantId, env?: Record<string, string>) => Promise<void>;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface DataspaceOptions {
  seedPatients?: number;
  /**
   * folder (default): a temp PGlite folder each, so a killed participant restarts with its data;
   * memory: in-memory PGlite; postgres: a fresh database each on TEST_DATABASE_URL, dropped by stop().
   */
  storage?: 'folder' | 'memory' | 'postgres';
  timeoutMs?: number;
  /** Extra environment for every participant (e.g. DIGITAL_TWIN_RECORDS, ACCESS_EVENT_FORWARD_DELAY_MS). */
  env?: Record<string, string>;
}

/** One fresh PostgreSQL database per participant on TEST_DATABASE_URL; drop() removes them all. */
async function createPostgresDatabases(ids: readonly ParticipantId[]): Promise<{ urls: Map<ParticipantId, string>; drop: () => Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('storage "postgres" needs TEST_DATABASE_URL');
  const admin = new Pool({ connectionString: server, max: 1 });
  const suffix = `${Date.now()}_${randomBytes(3).toString('hex')}`;
  const urls = new Map<ParticipantId, string>();
  const names: string[] = [];
  for (const id of ids) {
    const name = `d4h_ds_${id.replace(/-/g, '_')}_${suffix}`;
    await admin.query(`CREATE DATABASE ${name}`);
    names.push(name);
    const url = new URL(server);
    url.pathname = `/${name}`;
    urls.set(id, url.toString());
  }
  return {
    urls,
    drop: async () => {
      for (const name of names) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * Starts the four real participant processes on free ports, each with its own database, and waits
 * until all are ready.
 */
export async function startDataspace(options: DataspaceOptions = {}): Promise<Dataspace> {
  const operatorToken = randomBytes(24).toString('base64url');
  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'd4h-dataspace-'));
  const ports = new Map<ParticipantId, number>();
  for (const p of PARTICIPANTS) ports.set(p.id, await freePort());
  const postgres = options.storage === 'postgres' ? await createPostgresDatabases(PARTICIPANTS.map((p) => p.id)) : null;
  const databaseOf = (id: ParticipantId): string => postgres?.urls.get(id) ?? (options.storage === 'memory' ? 'memory://' : path.join(tempRoot, id));
  const authorityUrl = `http://127.0.0.1:${ports.get('ehealth-agency')}`;
  const children = new Map<ParticipantId, ChildProcess>();
  let output = '';

  const launch = (id: ParticipantId, extraEnv: Record<string, string> = {}): Promise<void> =>
    new Promise((resolve, reject) => {
      const port = ports.get(id);
      const child = spawn(process.execPath, ['--import', 'tsx', SERVER_SCRIPT, '--id', id], {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          AUTHORITY_URL: authorityUrl,
          PARTICIPANT_DATABASE: databaseOf(id),
          SEED_PATIENTS: String(options.seedPatients ?? 60),
          DATASPACE_OPERATOR_TOKEN: operatorToken,
          ...options.env,
          ...extraEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.set(id, child);
      const timer = setTimeout(() => reject(new Error(`${id} not ready within ${options.timeoutMs ?? 120_000} ms\n${output}`)), options.timeoutMs ?? 120_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (chunk.toString().includes('ready on http://')) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        output += `[${id}] exited (${code ?? signal})\n`;
        reject(new Error(`${id} exited before ready (${code ?? signal})\n${output}`));
      });
    });

  const stopAll = async () => {
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
    fs.rmSync(tempRoot, { recursive: true, force: true });
    await postgres?.drop();
  };

  try {
    await launch('ehealth-agency');
    await Promise.all(PARTICIPANTS.filter((p) => p.id !== 'ehealth-agency').map((p) => launch(p.id)));
  } catch (error) {
    await stopAll();
    throw error;
  }

  const participants = Object.fromEntries(PARTICIPANTS.map((p) => [p.id, { id: p.id, port: ports.get(p.id) ?? 0, url: `http://127.0.0.1:${ports.get(p.id)}` }])) as Record<ParticipantId, StartedParticipant>;
  return {
    participants,
    authorityUrl,
    operatorToken,
    logs: () => output,
    kill: async (id) => {
      const child = children.get(id);
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    },
    restart: (id, env) => launch(id, env),
    stop: stopAll,
  };
}
