import { createLocalJWKSet, importJWK, type CryptoKey, type JSONWebKeySet, type JWK, type JWSHeaderParameters } from 'jose';
import { SIGNING_ALG } from './participant-keys';

/**
 * Imported keys, cached by their public content. Importing a JWK into WebCrypto costs more than an
 * ES256 verification, and every data-plane request checks two or three tokens signed with the same
 * few keys. Only the import is cached: every signature is still verified on every request.
 */
const MAX_ENTRIES = 256;

function remember<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    value = make();
    cache.set(key, value);
  }
  return value;
}

const keySets = new Map<string, ReturnType<typeof createLocalJWKSet>>();
const embedded = new Map<string, Promise<CryptoKey>>();
const privates = new WeakMap<JWK, Promise<CryptoKey>>();

/** `createLocalJWKSet`, once per distinct key set. */
export function localJwks(jwks: JSONWebKeySet): ReturnType<typeof createLocalJWKSet> {
  return remember(keySets, JSON.stringify(jwks.keys.map(({ kty, crv, x, y, kid, alg, use }) => ({ kty, crv, x, y, kid, alg, use }))), () => createLocalJWKSet(jwks));
}

/** A private JWK imported once per key object (a participant signs with one key for its whole life). */
export function importedPrivateKey(jwk: JWK): Promise<CryptoKey> {
  let key = privates.get(jwk);
  if (!key) {
    key = importJWK(jwk, SIGNING_ALG) as Promise<CryptoKey>;
    key.catch(() => privates.delete(jwk));
    privates.set(jwk, key);
  }
  return key;
}

/**
 * jose's `EmbeddedJWK` with the import cached: the key is the public EC key in the protected header
 * (`jwk`). A header key with private material is refused, as jose does.
 */
export async function embeddedJwk(header: JWSHeaderParameters): Promise<CryptoKey> {
  const jwk = header.jwk;
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) throw new Error('"jwk" (JSON Web Key) Header Parameter must be a JSON object');
  if ('d' in jwk || jwk.kty !== 'EC' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string' || typeof jwk.crv !== 'string') throw new Error('"jwk" (JSON Web Key) Header Parameter must be a public EC key');
  const { kty, crv, x, y } = jwk;
  const alg = header.alg ?? SIGNING_ALG;
  const key = remember(embedded, `${alg}|${crv}|${x}|${y}`, () => {
    const imported = importJWK({ kty, crv, x, y, ext: true }, alg) as Promise<CryptoKey>;
    imported.catch(() => embedded.delete(`${alg}|${crv}|${x}|${y}`));
    return imported;
  });
  const resolved = await key;
  if (resolved.type !== 'public') throw new Error('"jwk" (JSON Web Key) Header Parameter must be a public key');
  return resolved;
}
