import { SignJWT, jwtVerify, type JSONWebKeySet } from 'jose';
import { localJwks } from './key-cache';
import { randomUUID } from 'node:crypto';
import { SIGNING_ALG, importPrivateKey, type ParticipantKeyPair } from './participant-keys';
import { MAX_TOKEN_LIFETIME_SECONDS } from './participant-token';
import { TokenError } from './token-error';

const EDR_TYPE = 'edr+jwt';

/** What an Endpoint Data Reference token binds: one agreement, one consumer, one purpose, one dataset. */
export interface EdrClaims {
  provider: string;
  consumer: string;
  agreementId: string;
  transferId: string;
  datasetId: string;
  purpose: string;
  /** Thumbprint of the consumer's key: practitioner assertions must be signed with it. */
  consumerJkt: string;
  jti: string;
  expiresAt: Date;
}

export async function signEdrToken(input: Omit<EdrClaims, 'jti' | 'expiresAt'> & { key: ParticipantKeyPair; lifetimeSeconds?: number }): Promise<{ token: string; claims: EdrClaims }> {
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + Math.min(input.lifetimeSeconds ?? MAX_TOKEN_LIFETIME_SECONDS, MAX_TOKEN_LIFETIME_SECONDS);
  const jti = `urn:uuid:${randomUUID()}`;
  const token = await new SignJWT({
    agreement: input.agreementId,
    transfer: input.transferId,
    dataset: input.datasetId,
    purpose: input.purpose,
    cnf: { jkt: input.consumerJkt },
  })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: input.key.kid, typ: EDR_TYPE })
    .setIssuer(input.provider)
    .setAudience(input.provider)
    .setSubject(input.consumer)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .setJti(jti)
    .sign(await importPrivateKey(input.key));
  const { key: _key, lifetimeSeconds: _l, ...rest } = input;
  return { token, claims: { ...rest, jti, expiresAt: new Date(exp * 1000) } };
}

/** Verifies an EDR token with the provider's own public keys. */
export async function verifyEdrToken(token: string | undefined, input: { provider: string; jwks: JSONWebKeySet }): Promise<EdrClaims> {
  if (!token) throw new TokenError('missing', 'an EDR bearer token is required');
  try {
    const { payload } = await jwtVerify(token, localJwks(input.jwks), {
      algorithms: [SIGNING_ALG],
      issuer: input.provider,
      audience: input.provider,
      typ: EDR_TYPE,
      clockTolerance: 5,
    });
    const cnf = payload.cnf as { jkt?: unknown } | undefined;
    const { sub, agreement, transfer, dataset, purpose, jti, exp, iat } = payload;
    if (
      typeof sub !== 'string' || typeof agreement !== 'string' || typeof transfer !== 'string' || typeof dataset !== 'string' ||
      typeof purpose !== 'string' || typeof jti !== 'string' || typeof exp !== 'number' || typeof iat !== 'number' || typeof cnf?.jkt !== 'string'
    ) {
      throw new TokenError('malformed', 'the EDR token lacks required claims');
    }
    if (exp - iat > MAX_TOKEN_LIFETIME_SECONDS) throw new TokenError('lifetime', 'the EDR token lives longer than 5 minutes');
    return {
      provider: input.provider,
      consumer: sub,
      agreementId: agreement,
      transferId: transfer,
      datasetId: dataset,
      purpose,
      consumerJkt: cnf.jkt,
      jti,
      expiresAt: new Date(exp * 1000),
    };
  } catch (error) {
    if (error instanceof TokenError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') throw new TokenError('expired', 'the EDR token has expired');
    throw new TokenError('signature', 'the EDR token is not valid for this provider');
  }
}
