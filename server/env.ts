import { z } from 'zod';
import { parseOidcProviders, type TOidcProvider } from './auth/oidc/oidc-config';

/**
 * The web process's configuration, parsed once at start-up. A wrong value stops the process with a
 * message naming the variable, rather than failing later on the first request that needs it.
 */
const ZEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .min(1)
    .default('.data/app')
    .describe('postgres://… for a PostgreSQL server; a folder path for embedded PGlite; memory:// for a throw-away database'),
  NEXTAUTH_URL: z.url().default('http://localhost:3000'),
  NEXTAUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  AUTHORITY_URL: z.url().default('http://127.0.0.1:4100'),
  DATASPACE_OPERATOR_TOKEN: z.string().min(16, 'must be at least 16 characters').optional().describe('onboarding secret for enrolling the web app at the authority; else read from OPERATOR_TOKEN_FILE'),
  OPERATOR_TOKEN_FILE: z.string().min(1).default('.data/dataspace-operator.token'),
  DATASPACE_FHIR_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000).describe('time budget of one provider in a record fan-out'),
  SEED_DEMO: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  HOST: z.string().min(1).default('127.0.0.1').describe('address the web server binds'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000).describe('port the web server binds'),
  TRUSTED_PROXY_COUNT: z.coerce.number().int().min(0).max(10).optional().describe('reverse proxies in front of the app whose X-Forwarded-For entries are believed'),
  TRUSTED_PROXIES: z
    .string()
    .transform((v) => v.split(',').map((a) => a.trim()).filter(Boolean))
    .pipe(z.array(z.union([z.ipv4(), z.ipv6()], { error: 'must be a comma-separated list of IP addresses' })).min(1))
    .optional()
    .describe('addresses of the reverse proxies whose X-Forwarded-For entries are believed'),
  DIABETES_MODEL_DIR: z.string().min(1).optional().describe('folder of the therapy model files (model.onnx, card, metrics); default models/diabetes-therapy'),
  OIDC_PROVIDERS: z.string().min(1).optional().describe("hospitals' identity providers, a JSON array (see oidc-config.ts)"),
  OIDC_PROVIDERS_FILE: z.string().min(1).optional().describe('a file holding that JSON array, when OIDC_PROVIDERS is not set'),
}).refine((e) => e.TRUSTED_PROXY_COUNT === undefined || e.TRUSTED_PROXIES === undefined, {
  message: 'set TRUSTED_PROXY_COUNT or TRUSTED_PROXIES, not both',
  path: ['TRUSTED_PROXIES'],
});
export type TEnv = z.infer<typeof ZEnvSchema> & { oidcProviders: TOidcProvider[] };

let cached: TEnv | undefined;

export function env(): TEnv {
  if (cached) return cached;
  const parsed = ZEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  cached = { ...parsed.data, oidcProviders: parseOidcProviders(parsed.data) };
  return cached;
}
