/**
 * Onboarding CLI of the dataspace authority (talks to the running authority with the operator token):
 *   npm run participant -- register --id lab-x --name "Lab X" --kind research --roles research,consumer --jwks FILE
 *   npm run participant -- revoke --id lab-x [--reason "..."]
 *   npm run participant -- offer --provider alzette-hospital --consumer d4h-clinic --dataset ehr --purpose HRESCH
 *     (the provider starts a DSP negotiation: ContractOfferMessage to the consumer, which accepts or declines)
 * Env: AUTHORITY_URL (default http://127.0.0.1:4100), DATASPACE_OPERATOR_TOKEN or OPERATOR_TOKEN_FILE;
 * for offer, PROVIDER_URL (default: the provider's default port on 127.0.0.1).
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { findParticipant } from '@/server/dataspace/participants';
import { resolveOperatorToken } from '@/server/dataspace/runtime/operator-token';

const ZArgs = z.discriminatedUnion('command', [
  z.object({
    command: z.literal('register'),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'id: lowercase letters, digits and dashes'),
    name: z.string().min(2).optional(),
    kind: z.enum(['hospital', 'research', 'authority']).optional(),
    roles: z.string().optional(),
    jwks: z.string().min(1, '--jwks FILE is required'),
    'base-url': z.string().url().optional(),
  }),
  z.object({ command: z.literal('revoke'), id: z.string().min(1), reason: z.string().min(1).optional() }),
  z.object({ command: z.literal('offer'), provider: z.string().min(1, '--provider ID is required'), consumer: z.string().min(1, '--consumer ID is required'), dataset: z.string().min(1, '--dataset KEY is required'), purpose: z.string().min(1, '--purpose CODE is required') }),
]);

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { provider: { type: 'string' }, consumer: { type: 'string' }, dataset: { type: 'string' }, purpose: { type: 'string' }, id: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, roles: { type: 'string' }, jwks: { type: 'string' }, 'base-url': { type: 'string' }, reason: { type: 'string' }, reinstate: { type: 'boolean' } },
  });
  const parsed = ZArgs.safeParse({ command: positionals[0], ...values });
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((i) => `${i.path.join('.') || 'command'}: ${i.message}`).join('\n')}\nusage: participant register --id ID --name NAME --kind hospital|research --roles r1,r2 --jwks FILE [--reinstate] | revoke --id ID | offer --provider ID --consumer ID --dataset KEY --purpose CODE`);
  const args = parsed.data;
  const authorityUrl = (process.env.AUTHORITY_URL ?? 'http://127.0.0.1:4100').replace(/\/$/, '');
  const token = resolveOperatorToken({ DATASPACE_OPERATOR_TOKEN: process.env.DATASPACE_OPERATOR_TOKEN, OPERATOR_TOKEN_FILE: process.env.OPERATOR_TOKEN_FILE });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  if (args.command === 'register') {
    let jwks: unknown;
    try {
      jwks = JSON.parse(fs.readFileSync(args.jwks, 'utf8'));
    } catch (error) {
      throw new Error(`cannot read JWKS from ${args.jwks}: ${(error as Error).message}`);
    }
    const body = { id: args.id, legalName: args.name, kind: args.kind, roles: args.roles?.split(',').map((r) => r.trim()), jwks, baseUrl: args['base-url'], reinstate: values.reinstate === true };
    const response = await fetch(`${authorityUrl}/registry/enrol`, { method: 'POST', headers, body: JSON.stringify(body) });
    const result = (await response.json()) as { credential?: string; expiresAt?: string };
    if (!response.ok || !result.credential) throw new Error(`the authority refused (${response.status}): ${JSON.stringify(result)}`);
    console.log(result.credential);
    console.error(`registered ${args.id}; credential valid until ${result.expiresAt}`);
    return;
  }
  if (args.command === 'offer') {
    const known = findParticipant(args.provider);
    const providerUrl = (process.env.PROVIDER_URL ?? (known ? `http://127.0.0.1:${known.defaultPort}` : '')).replace(/\/$/, '');
    if (!providerUrl) throw new Error(`unknown provider ${args.provider}: set PROVIDER_URL`);
    const response = await fetch(`${providerUrl}/offers`, { method: 'POST', headers, body: JSON.stringify({ consumer: args.consumer, dataset: args.dataset, purpose: args.purpose }) }).catch((error: Error) => {
      throw new Error(`cannot reach ${args.provider} at ${providerUrl} (${error.message}); is the dataspace running (npm start)?`);
    });
    const result = await response.json();
    if (!response.ok) throw new Error(`the provider refused (${response.status}): ${JSON.stringify(result)}`);
    console.log(JSON.stringify(result));
    console.error(`offered; ${args.consumer} accepts or declines it (see its negotiations)`);
    return;
  }
  const response = await fetch(`${authorityUrl}/registry/participants/${encodeURIComponent(args.id)}/revoke`, { method: 'POST', headers, body: JSON.stringify({ reason: args.reason ?? 'revoked by the operator (CLI)' }) });
  const result = await response.json();
  if (!response.ok) throw new Error(`the authority refused (${response.status}): ${JSON.stringify(result)}`);
  console.log(JSON.stringify(result));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
