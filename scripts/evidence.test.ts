import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TEvidenceResult } from '@/server/oncology/knowledge-base/match-evidence';

const root = path.resolve(import.meta.dirname, '..');
const run = (...args: string[]) => spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['scripts/evidence.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe('npm run evidence', () => {
  it('prints the matches as JSON: EGFR L858R in NSCLC is osimertinib at OncoKB level 1', () => {
    const out = run('--tumour', 'NSCLC', '--variant', 'EGFR L858R', '--json');
    expect(out.status).toBe(0);
    const result = JSON.parse(out.stdout) as TEvidenceResult;
    expect(result.matches.map((m) => ({ drugs: m.drugs, level: m.oncokbLevel, escat: m.escatTier, resistance: m.resistance }))).toEqual([{ drugs: ['osimertinib'], level: '1', escat: 'I-A', resistance: false }]);
    expect(result.matches[0]?.sources.map((s) => s.ref)).toContain('29151359');
  });

  it('takes several variants and an ICD-10 code', () => {
    const out = run('--tumour', 'C18.7', '--variant', 'KRAS G12C', '--variant', 'MSI-H', '--json');
    expect(out.status).toBe(0);
    const result = JSON.parse(out.stdout) as TEvidenceResult;
    expect(result.matches.filter((m) => m.drugs.length === 1 && m.drugs[0] === 'sotorasib')).toEqual([]);
    expect(result.matches.map((m) => m.drugs.join('+'))).toContain('pembrolizumab');
  });

  it.each([
    [['--tumour', 'NSCLC'], /--variant is required/],
    [['--variant', 'EGFR L858R'], /--tumour is required/],
    [['--tumour', 'NSCLC', '--variant', 'EGFR L858R', '--colour'], /Unknown option/],
    [['--tumour', 'pancreas', '--variant', 'KRAS G12D'], /unknown tumour "pancreas"/],
    [['--tumour', 'NSCLC', '--variant', 'EGFR banana'], /not a protein change/],
  ])('bad flags %j: exit 2 with the reason', (args, message) => {
    const out = run(...args);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stdout).toBe('');
  });
});
