import { SignJWT, decodeProtectedHeader, jwtVerify } from 'jose';
import { embeddedJwk } from './key-cache';
import { randomUUID } from 'node:crypto';
import { SIGNING_ALG, importPrivateKey, jwkThumbprint, type ParticipantKeyPair } from './participant-keys';
import { MAX_TOKEN_LIFETIME_SECONDS } from './participant-token';
import { TokenError } from './token-error';

/** HTTP header that carries the practitioner assertion beside the EDR bearer token. */
export const PRACTITIONER_ASSERTION_HEADER = 'x-practitioner-assertion';
const ASSERTION_TYPE = 'practitioner-assertion+jwt';
/**
 * Role of an assertion made for a steward of the authority (organisation: the authority's id): the web
 * app relays its stewards to the authority this way, as it relays clinicians to providers.
 */
export const STEWARD_ROLE = 'steward';

/** Who, inside the consumer organisation, is asking, and why (signed by the consumer participant's key). */
export interface PractitionerAssertion {
  userId: string;
  role: string;
  organisation: string;
  purpose: string;
  /** Required with purpose ETREAT: why the clinician broke the glass. */
  breakGlassReason?: string;
}

export async function signPractitionerAssertion(input: PractitionerAssertion & { key: ParticipantKeyPair; consumerId: string; audience: string }): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({
    role: input.role,
    org: input.organisation,
    purpose: input.purpose,
    ...(input.breakGlassReason ? { reason: input.breakGlassReason } : {}),
  })
    .setProtectedHeader({ alg: SIGNING_ALG, typ: ASSERTION_TYPE, jwk: input.key.publicJwk })
    .setIssuer(input.consumerId)
    .setSubject(input.userId)
    .setAudience(input.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 120)
    .setJti(`urn:uuid:${randomUUID()}`)
    .sign(await importPrivateKey(input.key));
}

/** Verifies an assertion and that the consumer's key (bound in its EDR token) signed it. */
export async function verifyPractitionerAssertion(
  token: string | undefined,
  input: { consumerId: string; consumerJkt: string; audience: string },
): Promise<PractitionerAssertion> {
  if (!token) throw new TokenError('missing', 'a practitioner assertion is required');
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new TokenError('malformed', 'the practitioner assertion is not a JWT');
  }
  if (header.typ !== ASSERTION_TYPE || !header.jwk) throw new TokenError('malformed', 'the practitioner assertion has the wrong type');
  if ((await jwkThumbprint(header.jwk)) !== input.consumerJkt) throw new TokenError('binding', 'the practitioner assertion is not signed by the consumer');
  try {
    const { payload } = await jwtVerify(token, embeddedJwk, {
      algorithms: [SIGNING_ALG],
      issuer: input.consumerId,
      audience: input.audience,
      typ: ASSERTION_TYPE,
      clockTolerance: 5,
    });
    const { sub, role, org, purpose, reason, iat, exp } = payload;
    if (typeof sub !== 'string' || typeof role !== 'string' || typeof org !== 'string' || typeof purpose !== 'string' || typeof iat !== 'number' || typeof exp !== 'number') {
      throw new TokenError('malformed', 'the practitioner assertion lacks user, role, organisation or purpose');
    }
    if (exp - iat > MAX_TOKEN_LIFETIME_SECONDS) throw new TokenError('lifetime', 'the practitioner assertion lives longer than 5 minutes');
    return { userId: sub, role, organisation: org, purpose, ...(typeof reason === 'string' ? { breakGlassReason: reason } : {}) };
  } catch (error) {
    if (error instanceof TokenError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') throw new TokenError('expired', 'the practitioner assertion has expired');
    throw new TokenError('signature', 'the practitioner assertion is invalid');
  }
}
