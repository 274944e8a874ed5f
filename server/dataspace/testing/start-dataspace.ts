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

/**
 * A port that is free now, chosen below Linux's ephemeral range (32768–60999): outgoing connections of
 * this or any other process take their local port from that range, so a port chosen there can be taken
 * between this check and the participant's bind (a CI run lost a whole test file to that race).
 */
async function freePort(taken: ReadonlySet<number> = new Set()): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.unref();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port found between 20000 and 32000');
}

/** A participant that exited before it was ready; `portInUse` when its port had been taken meanwhile. */
class PortClash extends Error {
  constructor(
    readonly id: ParticipantId,
    readonly portInUse: boolean,
    message: string,
  ) {
    super(message);
  }
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
  /** Providers to start besides the authority (default: all three). */
  providers?: readonly ParticipantId[];
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
  for (const p of PARTICIPANTS) ports.set(p.id, await freePort(new Set(ports.values())));
  const postgres = options.storage === 'postgres' ? await createPostgresDatabases(PARTICIPANTS.map((p) => p.id)) : null;
  const databaseOf = (id: ParticipantId): string => postgres?.urls.get(id) ?? (options.storage === 'memory' ? 'memory://' : path.join(tempRoot, id));
  let authorityUrl = `http://127.0.0.1:${ports.get('ehealth-agency')}`;
  const children = new Map<ParticipantId, ChildProcess>();
  let output = '';

  /** Starts one participant process; resolves when it prints "ready on http://", rejects with its output if it exits first. */
  const launchOnce = (id: ParticipantId, extraEnv: Record<string, string>): Promise<void> =>
    new Promise((resolve, reject) => {
      const port = ports.get(id);
      // DATASPACE_NODE_ARGS: extra node flags for every participant, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile a bench.
      const nodeArgs = (process.env.DATASPACE_NODE_ARGS ?? '').split(' ').filter(Boolean);
      const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', SERVER_SCRIPT, '--id', id], {
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
      // Its own output, whole: the readiness line can arrive split across two chunks.
      let own = '';
      const timer = setTimeout(() => reject(new Error(`${id} not ready within ${options.timeoutMs ?? 120_000} ms\n${output}`)), options.timeoutMs ?? 120_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        own += chunk.toString();
        if (own.includes('ready on http://')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        own += chunk.toString();
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        output += `[${id}] exited (${code ?? signal})\n`;
        reject(new PortClash(id, /EADDRINUSE/.test(own), `${id} exited before ready (${code ?? signal})\n${output}`));
      });
    });

  // A port taken by another process after it was chosen: the authority's port is in every provider's
  // environment, so only a provider (or the authority before any provider) moves to a new port.
  const launch = async (id: ParticipantId, extraEnv: Record<string, string> = {}, movable = false): Promise<void> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await launchOnce(id, extraEnv);
      } catch (error) {
        if (!(error instanceof PortClash && error.portInUse && movable && attempt < 3)) throw error;
        ports.set(id, await freePort(new Set(ports.values())));
        if (id === 'ehealth-agency') authorityUrl = `http://127.0.0.1:${ports.get(id)}`;
      }
    }
  };

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
    await launch('ehealth-agency', {}, true);
    await Promise.all(PARTICIPANTS.filter((p) => p.id !== 'ehealth-agency' && (!options.providers || options.providers.includes(p.id))).map((p) => launch(p.id, {}, true)));
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
