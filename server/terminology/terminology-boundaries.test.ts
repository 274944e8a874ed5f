import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_SYSTEMS, NATIONAL_HEALTH_ID_SYSTEM } from './code-systems';
import { MCODE } from './mcode';
import { CREATININE_MMOL_PER_G, CREATININE_UMOL_L_PER_MG_DL, HBA1C_IFCC_PER_NGSP } from './units';

const ROOT = path.resolve(__dirname, '../..');
const SKIP_DIRS = new Set(['node_modules', '.next', '.data', '.git', 'coverage', 'test-results', 'playwright-report']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : sourceFiles(path.join(dir, e.name));
    return /\.(ts|tsx|mts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path.relative(ROOT, path.join(dir, e.name))] : [];
  });
}

const isTest = (f: string) => /\.(test|int\.test|postgres\.int\.test)\.tsx?$/.test(f) || f.startsWith('e2e/');
/**
 * Where the generators may be used: the generators themselves, tests, the seeding of participants
 * (server/dataspace/runtime/seed-*.ts), the offline model training (models/training) and benchmarks.
 */
const mayUseSynthetic = (f: string) => f.startsWith('server/synthetic/') || isTest(f) || /^server\/dataspace\/runtime\/seed-[^/]+\.ts$/.test(f) || f.startsWith('models/training/') || f.startsWith('bench/');

const FILES = sourceFiles(ROOT);
const importsOf = (f: string) => [...readFileSync(path.join(ROOT, f), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');

describe('terminology boundaries', () => {
  it('walks the source tree', () => {
    expect(FILES.length).toBeGreaterThan(200);
    expect(FILES).toContain('server/synthetic/ehr/hospital-record.ts');
  });

  it('no production file imports from server/synthetic/', () => {
    const offenders = FILES.filter((f) => !mayUseSynthetic(f)).filter((f) => importsOf(f).some((i) => /(^@\/|\/)server\/synthetic\//.test(i) || (f.startsWith('server/') && i.includes('../synthetic/'))));
    expect(offenders).toEqual([]);
  });

  it('the terminology imports nothing of the app', () => {
    const offenders = FILES.filter((f) => f.startsWith('server/terminology/') && !isTest(f)).filter((f) => importsOf(f).some((i) => !i.startsWith('./')));
    expect(offenders).toEqual([]);
  });

  it('no code-system URL, identifier system or unit conversion factor is written outside the terminology', () => {
    const literals = [...Object.values(CODE_SYSTEMS), NATIONAL_HEALTH_ID_SYSTEM, ...Object.values(MCODE)].map((url) => [`'${url}'`, `"${url}"`, `\`${url}`]).flat();
    const factors = [HBA1C_IFCC_PER_NGSP, CREATININE_UMOL_L_PER_MG_DL, CREATININE_MMOL_PER_G].map((n) => new RegExp(`(^|[^\\d.])${String(n).replace('.', '\\.')}`));
    const offenders = FILES.filter((f) => !f.startsWith('server/terminology/') && !isTest(f)).flatMap((f) => {
      const source = readFileSync(path.join(ROOT, f), 'utf8');
      return [...literals.filter((l) => source.includes(l)), ...factors.filter((r) => r.test(source)).map(String)].map((hit) => `${f}: ${hit}`);
    });
    expect(offenders).toEqual([]);
  });
});
