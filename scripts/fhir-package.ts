/**
 * Fetches a pinned FHIR implementation guide package from the npm registry (`npm pack`, since the IG
 * packages' own dependencies are not published there, so `npm install` cannot resolve them) and unpacks
 * it once under .data/fhir-packages/. Used by the profile-validation tests; nothing is vendored.
 * Run alone: `npx tsx scripts/fhir-package.ts hl7.fhir.us.mcode@4.0.0`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** mCODE STU4 (hl7.org/fhir/us/mcode/STU4) is package version 4.0.0. */
export const MCODE_STU4_PACKAGE = 'hl7.fhir.us.mcode@4.0.0';

const ROOT = path.resolve(import.meta.dirname, '..', '.data', 'fhir-packages');

/** The unpacked `package/` folder of `spec` (name@version), downloading it first when absent. */
export function ensureFhirPackage(spec: string): string {
  if (!/^[a-z0-9.-]+@\d+\.\d+\.\d+$/.test(spec)) throw new Error(`pin a FHIR package as name@x.y.z, not ${spec}`);
  const dir = path.join(ROOT, spec.replace('@', '-'));
  const done = path.join(dir, 'package', 'package.json');
  if (fs.existsSync(done)) return path.dirname(done);
  fs.mkdirSync(dir, { recursive: true });
  const tgz = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim().split('\n').pop() ?? '';
  execFileSync('tar', ['-xzf', path.join(dir, tgz), '-C', dir]);
  fs.rmSync(path.join(dir, tgz));
  if (!fs.existsSync(done)) throw new Error(`${spec} unpacked without package/package.json`);
  return path.dirname(done);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  console.log(ensureFhirPackage(process.argv[2] ?? MCODE_STU4_PACKAGE));
}
