import fs from 'node:fs';
import { z } from 'zod';
import { ROLES, type Role } from '../roles';

/**
 * The roles a hospital's identity provider may grant. Patients never sign in through a hospital's IdP:
 * a hospital vouching for a patient's national id would open that patient's consents and access log to
 * whoever the hospital says it is.
 */
export const SSO_ROLES = [ROLES.endocrinologist, ROLES.oncologist, ROLES.steward, ROLES.admin] as const satisfies readonly Role[];
export type TSsoRole = (typeof SSO_ROLES)[number];

/** A dotted path into the ID token's claims, e.g. `realm_access.roles` or `hospital_roles`. */
const ZClaimPath = z.string().regex(/^[A-Za-z0-9_:-]+(\.[A-Za-z0-9_:-]+)*$/, 'a claim name or a dotted path such as realm_access.roles');

export const ZOidcProviderSchema = z
  .object({
    /** Part of the callback and back-channel logout URLs: `/api/auth/callback/<id>`. */
    id: z
      .string()
      .regex(/^[a-z][a-z0-9-]{1,39}$/, 'lower-case letters, digits and dashes, starting with a letter')
      .refine((id) => id !== 'credentials', 'credentials is the embedded sign-in'),
    /** The button's label on the sign-in page, e.g. the hospital's name. */
    name: z.string().min(1).max(80),
    /** The `iss` of the provider's tokens; its discovery document is `<issuer>/.well-known/openid-configuration`. */
    issuer: z.url().transform((url) => url.replace(/\/+$/, '')),
    clientId: z.string().min(1),
    clientSecret: z.string().min(1),
    claims: z
      .object({
        /** Claim holding the user's roles at the hospital (a string or an array of strings). */
        roles: ZClaimPath.default('roles'),
        organisation: ZClaimPath.default('organisation'),
        /** Optional: the national health identifier of the professional. */
        nationalId: ZClaimPath.optional(),
        email: ZClaimPath.default('email'),
        name: ZClaimPath.default('name'),
      })
      .prefault({}),
    /** The hospital's role names → app roles. Roles not listed here are ignored; exactly one app role must result. */
    roleMap: z.record(z.string().min(1), z.enum(SSO_ROLES)).refine((map) => Object.keys(map).length > 0, 'map at least one role'),
    /**
     * The organisations this issuer may vouch for. An organisation claim outside this list is refused, so
     * one hospital's IdP cannot sign its staff in as another hospital's.
     */
    organisations: z.array(z.string().min(1)).min(1),
  })
  .strict();
export type TOidcProvider = z.infer<typeof ZOidcProviderSchema>;

export const ZOidcProvidersSchema = z
  .array(ZOidcProviderSchema)
  .max(20)
  .refine((list) => new Set(list.map((p) => p.id)).size === list.length, 'provider ids must be unique')
  .refine((list) => new Set(list.map((p) => p.issuer)).size === list.length, 'issuers must be unique');

/**
 * Reads the hospitals' identity providers from `OIDC_PROVIDERS` (JSON) or the file `OIDC_PROVIDERS_FILE`;
 * none by default (the embedded credentials sign-in only). Throws a message naming the variable and the
 * field on a wrong value, so the process stops at start-up.
 */
export function parseOidcProviders(source: { OIDC_PROVIDERS?: string; OIDC_PROVIDERS_FILE?: string }): TOidcProvider[] {
  const [name, text] = source.OIDC_PROVIDERS
    ? (['OIDC_PROVIDERS', source.OIDC_PROVIDERS] as const)
    : source.OIDC_PROVIDERS_FILE
      ? (['OIDC_PROVIDERS_FILE', readConfigFile(source.OIDC_PROVIDERS_FILE)] as const)
      : (['', '[]'] as const);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`Invalid configuration:\n  ${name}: not JSON (${(error as Error).message})`);
  }
  const parsed = ZOidcProvidersSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${name}${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

function readConfigFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Invalid configuration:\n  OIDC_PROVIDERS_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}
