/**
 * `npm run evidence -- --tumour <name | ICD-10 | any> --variant "<gene alteration>" [--variant …] [--json]`:
 * actionability evidence from the shipped knowledge base, without the app. Exit 0 with the matches,
 * 2 on bad flags or input it does not understand (the reason on stderr).
 */
import { parseArgs } from 'node:util';
import { evidenceFor } from '@/server/oncology/knowledge-base/evidence';
import type { TEvidenceResult } from '@/server/oncology/knowledge-base/match-evidence';
import { TumourParseError } from '@/server/oncology/knowledge-base/tumour';
import { VariantParseError } from '@/server/oncology/knowledge-base/variant';

const USAGE = 'usage: npm run evidence -- --tumour <NSCLC|colorectal|breast|melanoma|any|ICD-10> --variant "<gene alteration>" [--variant …] [--json]';

function fail(message: string): never {
  console.error(`evidence: ${message}\n${USAGE}`);
  process.exit(2);
}

function text(result: TEvidenceResult): string {
  const lines = [`knowledge base ${result.knowledgeBase.version} (reviewed ${result.knowledgeBase.reviewed}); tumour: ${result.tumour.kind === 'any' ? 'any' : result.tumour.name}`];
  for (const m of result.matches) lines.push(`${m.resistance ? 'RESISTANCE' : 'match'}  ${m.variant}: ${m.drugs.join(' + ')}  OncoKB ${m.oncokbLevel}  ESCAT ${m.escatTier ?? '—'}  [${m.sources.map((s) => (s.kind === 'pmid' ? `PMID ${s.ref}` : s.ref)).join('; ')}]`);
  for (const n of result.nonMatches) lines.push(`no match  ${n.variant}: ${n.drugs.join(' + ')}: ${n.reason}`);
  if (result.matches.length === 0) lines.push('no actionable evidence in the knowledge base for these variants in this tumour');
  return lines.join('\n');
}

let values: { tumour?: string; variant?: string[]; json?: boolean };
try {
  ({ values } = parseArgs({ options: { tumour: { type: 'string' }, variant: { type: 'string', multiple: true }, json: { type: 'boolean' } }, strict: true, allowPositionals: false }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (!values.tumour) fail('--tumour is required');
if (!values.variant?.length) fail('--variant is required');
try {
  const result = evidenceFor({ tumour: values.tumour, variants: values.variant });
  console.log(values.json ? JSON.stringify(result, null, 2) : text(result));
} catch (error) {
  if (error instanceof TumourParseError || error instanceof VariantParseError) fail(error.message);
  throw error;
}
