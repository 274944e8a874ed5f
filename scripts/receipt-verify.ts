/**
 * `npm run receipt:verify -- <receipt file> [--jwks <url|file>]`: checks a consent receipt (the .jws a
 * patient downloaded) against the authority's published keys, by default
 * $AUTHORITY_URL/.well-known/jwks.json (http://127.0.0.1:4100 when unset). Prints what the receipt says,
 * or why it is not valid. Exit code 0 valid, 2 not valid, 1 could not check (bad arguments, keys unreachable).
 */
import fs from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import { z } from 'zod';
import { verifyConsentReceipt } from '@/server/dataspace/protocol/consent-receipt';

const USAGE = 'usage: npm run receipt:verify -- <receipt file> [--jwks <url|file>]';
const ZJwks = z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1) });

async function loadJwks(source: string): Promise<JSONWebKeySet> {
  const text = /^https?:\/\//.test(source) ? await fetch(source, { signal: AbortSignal.timeout(5000) }).then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${source} answered ${r.status}`)))) : fs.readFileSync(source, 'utf8');
  const parsed = ZJwks.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${source} is not a JWKS (an object with a non-empty "keys" array)`);
  return parsed.data as JSONWebKeySet;
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  const at = args.indexOf('--jwks');
  const jwksSource = at >= 0 ? args.splice(at, 2)[1] : `${(process.env.AUTHORITY_URL ?? 'http://127.0.0.1:4100').replace(/\/$/, '')}/.well-known/jwks.json`;
  const [file, ...rest] = args;
  if (!file || rest.length > 0 || !jwksSource) {
    console.error(USAGE);
    return 1;
  }
  let receipt: string;
  let jwks: JSONWebKeySet;
  try {
    receipt = fs.readFileSync(file, 'utf8');
    jwks = await loadJwks(jwksSource);
  } catch (error) {
    console.error(`could not check: ${(error as Error).message}`);
    return 1;
  }
  const result = await verifyConsentReceipt(receipt, jwks);
  if (!result.valid) {
    console.log(`NOT VALID (${result.reason}): ${result.detail}`);
    return 2;
  }
  const c = result.claims;
  console.log(`VALID: signed by ${c.iss} (keys from ${jwksSource}), unaltered`);
  console.log(`  person ${c.piiPrincipalId}, consent version ${c.version} (${c.recordId}), recorded ${c.timestamp} by ${c.recordedBy}`);
  for (const p of c.purposes) console.log(`  ${p.decision === 'permit' ? 'permit' : 'deny  '} ${p.purpose}; data: ${p.data === 'all' ? 'all' : p.data.join(', ')}; recipients: ${p.recipients === 'all' ? 'all' : p.recipients.join(', ')}${p.validFrom || p.validUntil ? `; ${p.validFrom ?? '…'} to ${p.validUntil ?? '…'}` : ''}`);
  if (c.purposes.length === 0) console.log('  no choices of the person: the deployment\'s defaults apply');
  console.log(`  to withdraw: ${c.withdrawal.method} (${c.withdrawal.url})`);
  return 0;
}

process.exit(await main(process.argv.slice(2)));
