import { SignJWT, decodeProtectedHeader, jwtVerify } from 'jose';
import { randomUUID } from 'node:crypto';
import { embeddedJwk } from './key-cache';
import { SIGNING_ALG, importPrivateKey, jwkThumbprint, type ParticipantKeyPair } from './participant-keys';
import type { ReplayGuard } from './replay-guard';
import { TokenError } from './token-error';

/** HTTP header that carries the patient assertion beside the portal's participant token. */
export const PATIENT_ASSERTION_HEADER = 'x-patient-assertion';
const ASSERTION_TYPE = 'patient-assertion+jwt';
/** A patient assertion serves one request: short-lived (≤ 5 min, like every token here) and single use. */
export const PATIENT_ASSERTION_MAX_SECONDS = 300;
const DEFAULT_LIFETIME_SECONDS = 60;

/** The signed-in patient on whose behalf the portal asks: the subject is the national health id. */
export interface PatientAssertion {
  nationalId: string;
  jti: string;
}

/**
 * Signs "this request is made by the patient with this national id, signed in at the portal" with the
 * portal participant's key (the web app's), for one authority call. Format (JWS, RFC 7515/7519):
 * header `{alg: ES256, typ: patient-assertion+jwt, jwk}`, claims `iss` portal id, `sub` national id,
 * `aud` the authority, `iat`, `exp` (≤ 5 min later), `jti` (single use).
 */
export async function signPatientAssertion(input: { nationalId: string; portalId: string; key: ParticipantKeyPair; audience: string; lifetimeSeconds?: number }): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: SIGNING_ALG, typ: ASSERTION_TYPE, jwk: input.key.publicJwk })
    .setIssuer(input.portalId)
    .setSubject(input.nationalId)
    .setAudience(input.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + Math.min(input.lifetimeSeconds ?? DEFAULT_LIFETIME_SECONDS, PATIENT_ASSERTION_MAX_SECONDS))
    .setJti(`urn:uuid:${randomUUID()}`)
    .sign(await importPrivateKey(input.key));
}

/** Verifies an assertion: signed by the portal's key (bound in its participant token), for this audience, fresh, first use. */
export async function verifyPatientAssertion(token: string | undefined, input: { portalId: string; portalJkt: string; audience: string; replay: ReplayGuard }): Promise<PatientAssertion> {
  if (!token) throw new TokenError('missing', 'a patient assertion is required');
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new TokenError('malformed', 'the patient assertion is not a JWT');
  }
  if (header.typ !== ASSERTION_TYPE || header.alg !== SIGNING_ALG || !header.jwk) throw new TokenError('malformed', 'the patient assertion has the wrong type');
  if ((await jwkThumbprint(header.jwk)) !== input.portalJkt) throw new TokenError('binding', 'the patient assertion is not signed by the calling portal');
  let payload;
  try {
    ({ payload } = await jwtVerify(token, embeddedJwk, { algorithms: [SIGNING_ALG], issuer: input.portalId, audience: input.audience, typ: ASSERTION_TYPE, clockTolerance: 5 }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') throw new TokenError('expired', 'the patient assertion has expired');
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && (error as { claim?: string }).claim === 'iss') throw new TokenError('binding', 'the patient assertion was issued by another portal');
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') throw new TokenError('audience', 'the patient assertion is not for this participant');
    throw new TokenError('signature', 'the patient assertion is invalid');
  }
  const { sub, iat, exp, jti } = payload;
  if (typeof sub !== 'string' || !/^\d{13}$/.test(sub) || typeof iat !== 'number' || typeof exp !== 'number' || typeof jti !== 'string') {
    throw new TokenError('malformed', 'the patient assertion lacks a national id, iat, exp or jti');
  }
  if (exp - iat > PATIENT_ASSERTION_MAX_SECONDS) throw new TokenError('lifetime', 'the patient assertion lives longer than 5 minutes');
  if (!(await input.replay.claim(`patient-assertion|${input.portalId}|${jti}`, new Date(exp * 1000), new Date(iat * 1000)))) throw new TokenError('replayed', 'the patient assertion was already used');
  return { nationalId: sub, jti };
}
