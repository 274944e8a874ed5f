import { SignJWT, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { embeddedJwk } from './key-cache';
import { randomUUID } from 'node:crypto';
import { verifyParticipantCredential, type ParticipantCredentialClaims } from './participant-credential';
import { SIGNING_ALG, importPrivateKey, jwkThumbprint, type ParticipantKeyPair } from './participant-keys';
import type { ReplayGuard } from './replay-guard';
import { TokenError } from './token-error';

/** Self-issued tokens live at most this long (issue 3: exp ≤ 5 min). */
export const MAX_TOKEN_LIFETIME_SECONDS = 300;
const CLOCK_TOLERANCE_SECONDS = 5;
const TOKEN_TYPE = 'participant+jwt';

/**
 * Signs the self-issued token that a participant sends with every participant-to-participant call. It
 * carries the participant's public key in the header and the authority's credential as a claim, so the
 * receiver needs only the authority's JWKS to check both.
 */
export async function signParticipantToken(input: {
  participantId: string;
  key: ParticipantKeyPair;
  credential: string;
  audience: string;
  lifetimeSeconds?: number;
}): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  const lifetime = Math.min(input.lifetimeSeconds ?? 120, MAX_TOKEN_LIFETIME_SECONDS);
  return new SignJWT({ vc: input.credential })
    .setProtectedHeader({ alg: SIGNING_ALG, typ: TOKEN_TYPE, jwk: input.key.publicJwk })
    .setIssuer(input.participantId)
    .setSubject(input.participantId)
    .setAudience(input.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetime)
    .setJti(`urn:uuid:${randomUUID()}`)
    .sign(await importPrivateKey(input.key));
}

export interface VerifiedParticipant {
  participantId: string;
  credential: ParticipantCredentialClaims;
  jti: string;
  /** Thumbprint of the key that signed the token (equal to the credential's `cnf.jkt`). */
  jkt: string;
}

export interface ParticipantTokenCheck {
  audience: string;
  authorityId: string;
  authorityJwks: JSONWebKeySet;
  replay: ReplayGuard;
  /** Asks the registry whether the participant and this credential are still active (no caching: revocation is immediate). */
  isActive: (participantId: string, credentialJti: string) => Promise<boolean>;
}

/** Checks a self-issued token end to end: signature, lifetime, audience, credential, key binding, revocation, replay. */
export async function verifyParticipantToken(token: string | undefined, check: ParticipantTokenCheck): Promise<VerifiedParticipant> {
  if (!token) throw new TokenError('missing', 'a participant token is required');
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new TokenError('malformed', 'the participant token is not a JWT');
  }
  if (header.typ !== TOKEN_TYPE || header.alg !== SIGNING_ALG || !header.jwk) {
    throw new TokenError('malformed', 'the participant token must be an ES256 participant+jwt with an embedded key');
  }
  let payload;
  try {
    ({ payload } = await jwtVerify(token, embeddedJwk, {
      algorithms: [SIGNING_ALG],
      audience: check.audience,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['iss', 'aud', 'iat', 'exp', 'jti'],
    }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') throw new TokenError('expired', 'the participant token has expired');
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') throw new TokenError('audience', 'the participant token is not for this participant or lacks a claim');
    throw new TokenError('signature', 'the participant token signature is invalid');
  }
  const { iss, iat, exp, jti, vc } = payload;
  if (typeof iss !== 'string' || typeof iat !== 'number' || typeof exp !== 'number' || typeof jti !== 'string' || typeof vc !== 'string') {
    throw new TokenError('malformed', 'the participant token lacks iss, iat, exp, jti or its credential');
  }
  if (exp - iat > MAX_TOKEN_LIFETIME_SECONDS) throw new TokenError('lifetime', 'the participant token lives longer than 5 minutes');
  if (iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS) throw new TokenError('malformed', 'the participant token is issued in the future');
  const credential = await verifyParticipantCredential(vc, { authorityId: check.authorityId, authorityJwks: check.authorityJwks });
  if (credential.participantId !== iss) throw new TokenError('binding', 'the credential names another participant');
  const jkt = await jwkThumbprint(header.jwk);
  if (jkt !== credential.jkt) throw new TokenError('binding', 'the token is not signed with the key the credential binds');
  if (!(await check.isActive(iss, credential.jti))) throw new TokenError('revoked', 'the participant credential has been revoked');
  if (!(await check.replay.claim(`${iss}|${jti}`, new Date(exp * 1000), new Date(iat * 1000)))) throw new TokenError('replayed', 'the participant token was already used (or was issued before this participant restarted)');
  return { participantId: iss, credential, jti, jkt };
}
