import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

export interface ManagedProcess {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** A line of output that means the process is ready. */
  readyWhen?: RegExp;
  /** When this process dies, stop everything (the web app); otherwise report it and carry on. */
  essential: boolean;
}

const COLOURS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m', '\x1b[91m'];
const RESET = '\x1b[0m';

/**
 * Runs several processes as one: each line of output is prefixed with the process name, one Ctrl-C
 * stops them all, and a process that exits on its own is reported (and ends the group if essential).
 */
export class ProcessGroup {
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;
  private readonly width: number;

  constructor(private readonly processes: ManagedProcess[]) {
    this.width = Math.max(...processes.map((p) => p.name.length), 'launcher'.length);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void this.stop(0, `received ${signal}`));
  }

  log(name: string, line: string, colourIndex = 5): void {
    const colour = process.stdout.isTTY ? (COLOURS[colourIndex % COLOURS.length] ?? '') : '';
    process.stdout.write(`${colour}${name.padEnd(this.width)} |${process.stdout.isTTY ? RESET : ''} ${line}\n`);
  }

  /** Starts one process; resolves when it printed its ready line (or at once if it has none). */
  start(spec: ManagedProcess, index: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(spec.command, spec.args, { env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: false });
      this.children.set(spec.name, child);
      let ready = !spec.readyWhen;
      if (ready) resolve();
      const onLine = (line: string) => {
        this.log(spec.name, line, index);
        if (!ready && spec.readyWhen?.test(line)) {
          ready = true;
          resolve();
        }
      };
      readline.createInterface({ input: child.stdout! }).on('line', onLine);
      readline.createInterface({ input: child.stderr! }).on('line', onLine);
      child.on('exit', (code, signal) => {
        this.children.delete(spec.name);
        if (this.stopping) return;
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        this.log('launcher', `!! ${spec.name} ${how}${spec.essential ? '; stopping everything' : '; the others keep running'}`);
        if (!ready) reject(new Error(`${spec.name} ${how} before it was ready`));
        if (spec.essential) void this.stop(1, `${spec.name} stopped`);
      });
    });
  }

  /** Starts the processes wave by wave: every process of a wave in parallel, the next wave once all are ready. */
  async startAll(waves: string[][]): Promise<void> {
    for (const wave of waves) {
      await Promise.all(
        wave.map((name) => {
          const index = this.processes.findIndex((p) => p.name === name);
          const spec = this.processes[index];
          if (!spec) throw new Error(`no process named ${name}`);
          return this.start(spec, index);
        }),
      );
    }
  }

  async stop(exitCode: number, reason: string): Promise<never> {
    if (!this.stopping) {
      this.stopping = true;
      this.log('launcher', `stopping (${reason})`);
      const exits = [...this.children.values()].map((child) => new Promise<void>((resolve) => child.once('exit', () => resolve())));
      for (const child of this.children.values()) child.kill('SIGTERM');
      const timeout = setTimeout(() => this.children.forEach((c) => c.kill('SIGKILL')), 5000);
      await Promise.all(exits);
      clearTimeout(timeout);
    }
    process.exit(exitCode);
  }
}
