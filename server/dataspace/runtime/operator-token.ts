import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The onboarding secret shared by the authority and the participants started on the same machine.
 * `DATASPACE_OPERATOR_TOKEN` wins; otherwise the first process to need it writes a random one to
 * `OPERATOR_TOKEN_FILE` (default `.data/dataspace-operator.token`, mode 0600) and the others read it.
 * That way `npm start` on a fresh machine needs no manual step, and the token never leaves the machine.
 */
export function resolveOperatorToken(env: { DATASPACE_OPERATOR_TOKEN?: string; OPERATOR_TOKEN_FILE?: string }): string {
  if (env.DATASPACE_OPERATOR_TOKEN) return env.DATASPACE_OPERATOR_TOKEN;
  // turbopackIgnore: a run-time file, not something for the web bundle's file tracing to follow.
  const file = path.resolve(/* turbopackIgnore: true */ env.OPERATOR_TOKEN_FILE ?? '.data/dataspace-operator.token');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const token = fs.readFileSync(file, 'utf8').trim();
  if (token.length < 16) throw new Error(`operator token file ${file} is empty or too short`);
  return token;
}
