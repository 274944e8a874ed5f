import { calculateJwkThumbprint, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { importedPrivateKey } from './key-cache';

export const SIGNING_ALG = 'ES256' as const;

/** A participant's ES256 key pair as JWKs, so it can be stored in its database and reloaded after a restart. */
export interface ParticipantKeyPair {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function generateParticipantKeyPair(): Promise<ParticipantKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: SIGNING_ALG, use: 'sig' },
    publicJwk: { ...publicJwk, kid, alg: SIGNING_ALG, use: 'sig' },
  };
}

export async function importPrivateKey(pair: ParticipantKeyPair): Promise<CryptoKey> {
  return importedPrivateKey(pair.privateJwk);
}

/** RFC 7638 thumbprint of the public key: what a credential binds (`cnf.jkt`). */
export async function jwkThumbprint(jwk: JWK): Promise<string> {
  const { kty, crv, x, y } = jwk;
  return calculateJwkThumbprint({ kty, crv, x, y });
}

export function publicJwks(pair: ParticipantKeyPair): { keys: JWK[] } {
  return { keys: [pair.publicJwk] };
}
