import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The CDS clients (EHRs) allowed to call the CDS services: `cds-clients.json` at the repository root, or
 * the file `CDS_CLIENTS_FILE` names. A JSON array of `{ "iss", "jwks": { "keys": [...] } }` (keys given
 * inline) or `{ "iss", "jwksUrl" }` (the EHR publishes its JWK Set). CDS Hooks 2.0, "Trusting CDS
 * Clients": services allow-list the issuers (and their key locations) they trust, agreed out of band.
 * Read once at start-up; a missing or malformed file stops the start with the reason.
 */
const ZJwkSchema = z
  .object({ kty: z.enum(['RSA', 'EC']), kid: z.string().min(1).optional(), alg: z.string().optional(), use: z.string().optional() })
  .loose()
  .refine((k) => !('d' in k), { message: 'is a private key; publish only public keys here' });

const ZIssuerSchema = z.string().min(1, 'must not be empty');

export const ZCdsClientSchema = z.union([
  z.object({ iss: ZIssuerSchema, jwks: z.object({ keys: z.array(ZJwkSchema).min(1, 'needs at least one key') }).strict() }).strict(),
  z.object({ iss: ZIssuerSchema, jwksUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }) }).strict(),
]);

export const ZCdsClientsFileSchema = z
  .array(ZCdsClientSchema)
  .refine((list) => new Set(list.map((c) => c.iss)).size === list.length, { message: 'lists an issuer twice' });

export type TCdsClient = z.infer<typeof ZCdsClientSchema>;

export const DEFAULT_CDS_CLIENTS_FILE = 'cds-clients.json';

/** Parses the allow-list; throws an Error naming the file and each problem. */
export function parseCdsClients(json: string, file: string): TCdsClient[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = ZCdsClientsFileSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.length > 0 ? i.path.join('.') : '(file)'}: ${i.message}`);
    throw new Error(`${file} is not a valid CDS clients list (a JSON array of {"iss", "jwks": {"keys": [...]}} or {"iss", "jwksUrl"}):\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Reads the allow-list from CDS_CLIENTS_FILE or ./cds-clients.json (relative to the working directory). */
export function readCdsClientsFile(file = process.env.CDS_CLIENTS_FILE ?? DEFAULT_CDS_CLIENTS_FILE): TCdsClient[] {
  const resolved = path.resolve(/* turbopackIgnore: true */ process.cwd(), file);
  let json: string;
  try {
    json = readFileSync(resolved, 'utf8');
  } catch (err) {
    throw new Error(`CDS clients file ${resolved} cannot be read (${err instanceof Error ? err.message : String(err)}); set CDS_CLIENTS_FILE or create it (see README, "CDS Hooks")`);
  }
  return parseCdsClients(json, resolved);
}
