import { SignJWT, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { localJwks } from './key-cache';
import { randomUUID } from 'node:crypto';
import { SIGNING_ALG, importPrivateKey, type ParticipantKeyPair } from './participant-keys';
import { TokenError } from './token-error';

/**
 * Roles a credential vouches for. hospital and research are what ODRL offers constrain; provider: holds
 * patients' data and serves it (may ask for consent decisions, report access events and the people it
 * holds); consumer: reads from providers; portal: signs people in and relays their signed assertions
 * (patients, stewards) to the authority; authority: the registry itself.
 */
export const PARTICIPANT_ROLES = { authority: 'authority', hospital: 'hospital', research: 'research', consumer: 'consumer', provider: 'provider', portal: 'portal' } as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[keyof typeof PARTICIPANT_ROLES];

/** What the authority vouches for: who the participant is and which key it holds. */
export interface ParticipantCredentialClaims {
  participantId: string;
  legalName: string;
  roles: ParticipantRole[];
  /** RFC 7638 thumbprint of the participant's public signing key. */
  jkt: string;
  jti: string;
  issuedAt: Date;
  expiresAt: Date;
}

const CREDENTIAL_TYPE = 'participant-credential+jwt';
const DEFAULT_TTL_SECONDS = 24 * 3600;

/** Signs a participant credential with the authority's key. */
export async function issueParticipantCredential(input: {
  authorityId: string;
  authorityKey: ParticipantKeyPair;
  participantId: string;
  legalName: string;
  roles: ParticipantRole[];
  jkt: string;
  ttlSeconds?: number;
  now?: Date;
}): Promise<{ credential: string; claims: ParticipantCredentialClaims }> {
  const now = input.now ?? new Date();
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + (input.ttlSeconds ?? DEFAULT_TTL_SECONDS);
  const jti = `urn:uuid:${randomUUID()}`;
  const credential = await new SignJWT({ name: input.legalName, roles: input.roles, cnf: { jkt: input.jkt } })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: input.authorityKey.kid, typ: CREDENTIAL_TYPE })
    .setIssuer(input.authorityId)
    .setSubject(input.participantId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(await importPrivateKey(input.authorityKey));
  return {
    credential,
    claims: {
      participantId: input.participantId,
      legalName: input.legalName,
      roles: input.roles,
      jkt: input.jkt,
      jti,
      issuedAt: new Date(iat * 1000),
      expiresAt: new Date(exp * 1000),
    },
  };
}

function readClaims(payload: JWTPayload): ParticipantCredentialClaims {
  const cnf = payload.cnf as { jkt?: unknown } | undefined;
  const roles = payload.roles;
  if (
    typeof payload.sub !== 'string' ||
    typeof payload.name !== 'string' ||
    !Array.isArray(roles) ||
    !roles.every((r) => typeof r === 'string' && r in PARTICIPANT_ROLES) ||
    typeof cnf?.jkt !== 'string' ||
    typeof payload.jti !== 'string' ||
    typeof payload.iat !== 'number' ||
    typeof payload.exp !== 'number'
  ) {
    throw new TokenError('malformed', 'participant credential lacks required claims');
  }
  return {
    participantId: payload.sub,
    legalName: payload.name,
    roles: roles as ParticipantRole[],
    jkt: cnf.jkt,
    jti: payload.jti,
    issuedAt: new Date(payload.iat * 1000),
    expiresAt: new Date(payload.exp * 1000),
  };
}

/** Verifies signature, issuer and expiry of a credential against the authority's JWKS (revocation is checked by the caller). */
export async function verifyParticipantCredential(
  credential: string,
  input: { authorityId: string; authorityJwks: JSONWebKeySet; now?: Date },
): Promise<ParticipantCredentialClaims> {
  try {
    const { payload } = await jwtVerify(credential, localJwks(input.authorityJwks), {
      algorithms: [SIGNING_ALG],
      issuer: input.authorityId,
      typ: CREDENTIAL_TYPE,
      currentDate: input.now,
    });
    return readClaims(payload);
  } catch (error) {
    if (error instanceof TokenError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') throw new TokenError('expired', 'participant credential has expired');
    throw new TokenError('signature', 'participant credential is not signed by the authority');
  }
}
