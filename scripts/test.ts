/**
 * `npm test`: typecheck, lint, unit, integration, conformance (the DSP TCK), e2e — every stage runs, each gets one summary line,
 * and the last line counts the tests of all stages. Exits non-zero if any stage failed.
 */
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

interface Stage {
  name: string;
  command: string;
  args: string[];
  /** JSON report to read test counts from. */
  report?: { file: string; kind: 'vitest' | 'playwright' };
  /** The stage prints its own summary as the last line starting with this (the TCK's count, or why it was skipped). */
  summaryPrefix?: string;
}

fs.mkdirSync('test-results', { recursive: true });
const bin = (name: string) => `node_modules/.bin/${name}`;

const stages: Stage[] = [
  { name: 'typecheck', command: bin('tsc'), args: ['--noEmit'] },
  { name: 'lint', command: bin('eslint'), args: ['--max-warnings', '0', '.'] },
  {
    name: 'unit',
    command: bin('vitest'),
    args: ['run', '--project', 'unit', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/unit.json'],
    report: { file: 'test-results/unit.json', kind: 'vitest' },
  },
  {
    name: 'integration',
    command: bin('vitest'),
    args: ['run', '--project', 'integration', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/integration.json'],
    report: { file: 'test-results/integration.json', kind: 'vitest' },
  },
  {
    // The official Eclipse DSP TCK against every provider (conformance/dsp-tck); skipped without java and mvn.
    name: 'conformance',
    command: bin('tsx'),
    args: ['scripts/dsp-tck.ts'],
    summaryPrefix: 'DSP TCK',
  },
  {
    name: 'e2e',
    command: bin('playwright'),
    args: ['test', '--reporter=list,json'],
    report: { file: 'test-results/e2e.json', kind: 'playwright' },
  },
];

function counts(report: Stage['report']): { passed: number; failed: number; skipped: number } | null {
  if (!report || !fs.existsSync(report.file)) return null;
  const json = JSON.parse(fs.readFileSync(report.file, 'utf8')) as Record<string, unknown>;
  if (report.kind === 'vitest') {
    const r = json as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
  }
  const stats = (json as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }).stats;
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

const only = process.argv.slice(2);
const summary: string[] = [];
const total = { passed: 0, failed: 0, skipped: 0 };
let failedStages = 0;
for (const stage of stages) {
  if (only.length > 0 && !only.includes(stage.name)) continue;
  if (stage.report) fs.rmSync(stage.report.file, { force: true });
  console.log(`\n━━━ ${stage.name} ━━━`);
  const started = Date.now();
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/e2e.json' };
  // A stage with its own summary line is piped (and echoed) so that line can be quoted below.
  const result = stage.summaryPrefix ? spawnSync(stage.command, stage.args, { stdio: ['inherit', 'pipe', 'inherit'], env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }) : spawnSync(stage.command, stage.args, { stdio: 'inherit', env });
  const output = typeof result.stdout === 'string' ? result.stdout : '';
  if (stage.summaryPrefix) process.stdout.write(output);
  const own = stage.summaryPrefix ? output.split('\n').filter((l) => l.startsWith(stage.summaryPrefix ?? '')).pop() : undefined;
  const ok = result.status === 0;
  if (!ok) failedStages += 1;
  const c = counts(stage.report);
  if (c) {
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  summary.push(`${ok ? 'PASS' : 'FAIL'}  ${stage.name.padEnd(12)} ${c ? `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped` : own ? own : ok ? 'clean' : `exit code ${result.status}`}  (${seconds} s)`);
}
console.log('\n━━━ summary ━━━');
for (const line of summary) console.log(line);
console.log(`${total.passed} passed, ${total.failed + (failedStages > 0 && total.failed === 0 ? failedStages : 0)} failed, ${total.skipped} skipped`);
process.exit(failedStages > 0 ? 1 : 0);
