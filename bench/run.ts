/**
 * `npm run bench`: runs every benchmark in bench/ (each file's default export), one after the other so
 * they do not disturb each other, and prints their figures. Benchmarks report; they never pass or fail
 * on time. `npm run bench -- model-inference` runs only the named ones.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { pathToFileURL } from 'node:url';

const here = import.meta.dirname;
const only = process.argv.slice(2);
const files = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_') && !f.endsWith('.test.ts'))
  .filter((f) => only.length === 0 || only.includes(path.basename(f, '.ts')))
  .sort();

console.log(`benchmarks on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${os.loadavg()[0]?.toFixed(2)}`);
let failed = 0;
for (const file of files) {
  console.log(`\n━━━ ${path.basename(file, '.ts')} ━━━`);
  try {
    const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { default?: () => Promise<void> };
    if (typeof mod.default !== 'function') throw new Error('no default export to run');
    await mod.default();
  } catch (error) {
    failed += 1;
    console.error(`could not run ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
