import { hkdfSync } from 'node:crypto';
import { jwtDecrypt } from 'jose';
import { z } from 'zod';
import { ALL_ROLES } from './roles';
import type { SessionUser } from './session-user';
import type { SessionClaims } from './session-policy';

/**
 * Reads a session JWT as next-auth v4 wrote it (`next-auth/jwt` encode: JWE, alg "dir", enc "A256GCM",
 * key = HKDF-SHA256(secret, salt "", info "NextAuth.js Generated Encryption Key", 32 bytes), 15 s clock
 * tolerance). next-auth's own decode derives the key again on every call, and `getServerSession` also
 * re-encrypts the token: together most of the CPU of a protected read. Here the key is derived once per
 * secret. A test encodes with next-auth and decodes with this, so a format change in next-auth is caught.
 */
const INFO = 'NextAuth.js Generated Encryption Key';
const keys = new Map<string, Uint8Array>();

function keyFor(secret: string): Uint8Array {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = new Uint8Array(hkdfSync('sha256', secret, '', INFO, 32))));
  return key;
}

const ZSessionUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ALL_ROLES as [SessionUser['role'], ...SessionUser['role'][]]),
  organisation: z.string().nullable(),
  nationalId: z.string().nullable(),
});

const ZSessionPayloadSchema = z.object({
  user: ZSessionUserSchema,
  uid: z.string(),
  sv: z.number().int(),
  sid: z.uuid(),
  authTime: z.number().int(),
});

export type TSession = SessionClaims & { user: SessionUser };

/** The session a token carries, or null when it is missing, expired, forged or not of this app's shape. */
export async function decodeSessionToken(token: string | undefined, secret: string): Promise<TSession | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtDecrypt(token, keyFor(secret), { clockTolerance: 15 });
    const parsed = ZSessionPayloadSchema.safeParse(payload);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
