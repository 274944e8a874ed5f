import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'd4h-lock-'));
const migrations = path.resolve('db/app/migrations');

describe('PGlite folder lock', () => {
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a second process with a clear message while the first holds the folder, and keeps the data', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir }, migrations);
    const script = `import { openDatabase } from './db/client.ts';
      openDatabase({ kind: 'pglite', dataDir: ${JSON.stringify(dataDir)} }, ${JSON.stringify(migrations)})
        .then(() => { console.log('opened'); process.exit(0); }, (e) => { console.log(e.message); process.exit(3); });`;
    const second = spawnSync('npx', ['tsx', '-e', script], { encoding: 'utf8', cwd: process.cwd() });
    expect(second.status).toBe(3);
    expect(second.stdout).toMatch(new RegExp(`in use by process ${process.pid}`));
    await first.close();
    const reopened = await openDatabase({ kind: 'pglite', dataDir }, migrations);
    await reopened.close();
  });

  it('takes over a lock left by a process that died', async () => {
    fs.writeFileSync(path.join(dataDir, 'd4h.lock'), '999999');
    const db = await openDatabase({ kind: 'pglite', dataDir }, migrations);
    await db.close();
    expect(fs.existsSync(path.join(dataDir, 'd4h.lock'))).toBe(false);
  });
});
