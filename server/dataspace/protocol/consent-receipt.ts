import { createHash } from 'node:crypto';
import type { Consent } from '@medplum/fhirtypes';
import { SignJWT, createLocalJWKSet, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet } from 'jose';
import { z } from 'zod';
import { SIGNING_ALG, importPrivateKey, type ParticipantKeyPair } from './participant-keys';

/**
 * Consent receipts: a JWS (RFC 7515, compact) the authority signs for every consent change, so that a
 * person can prove what they chose, and when, without trusting anyone's database. The claims carry the
 * consent record fields of ISO/IEC TS 27560:2023 (and the Kantara Consent Receipt it grew from): who
 * (the PII principal), the controller that keeps the record, when, which version, for each purpose the
 * decision with which data and which organisations, and how to withdraw. The hash binds the receipt to
 * the exact Consent resource version the registry keeps.
 */
export const CONSENT_RECEIPT_TYPE = 'consent-receipt+jwt' as const;
export const CONSENT_RECEIPT_SCHEMA = 'ISO/IEC TS 27560:2023' as const;

const ZReceiptPurpose = z.object({
  purpose: z.string(),
  decision: z.enum(['permit', 'deny']),
  /** Data categories the choice covers; "all" when it names none. */
  data: z.union([z.literal('all'), z.array(z.string())]),
  /** Organisations and professionals the choice names; "all" when it names none. */
  recipients: z.union([z.literal('all'), z.array(z.string())]),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
});

export const ZConsentReceiptClaims = z.object({
  iss: z.string(),
  sub: z.string(),
  iat: z.number(),
  jti: z.string(),
  schemaVersion: z.literal(CONSENT_RECEIPT_SCHEMA),
  /** The PII principal: the person the consent is about (national health id). */
  piiPrincipalId: z.string(),
  /** The controller keeping the consent record (the authority). */
  piiController: z.string(),
  /** FHIR reference of the version this receipt is for. */
  recordId: z.string(),
  version: z.number().int().positive(),
  timestamp: z.string(),
  recordedBy: z.string(),
  /** SHA-256 (hex) of the Consent version as stored, JSON as the registry returns it. */
  consentSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The person's own choices in this version; everything else follows the deployment's defaults. */
  purposes: z.array(ZReceiptPurpose),
  withdrawal: z.object({ method: z.string(), url: z.string() }),
});
export type TConsentReceiptClaims = z.infer<typeof ZConsentReceiptClaims>;
export type TConsentReceiptPurpose = z.infer<typeof ZReceiptPurpose>;

/** SHA-256 of a Consent version, over its JSON with keys sorted (so storage order does not matter). */
export function consentDigest(consent: Consent): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(canonical) : value && typeof value === 'object' ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])])) : value;
  return createHash('sha256').update(JSON.stringify(canonical(consent))).digest('hex');
}

export async function signConsentReceipt(claims: Omit<TConsentReceiptClaims, 'iss' | 'iat'>, authority: { id: string; key: ParticipantKeyPair }): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: SIGNING_ALG, typ: CONSENT_RECEIPT_TYPE, kid: authority.key.kid })
    .setIssuer(authority.id)
    .setIssuedAt()
    .sign(await importPrivateKey(authority.key));
}

export type ReceiptVerification = { valid: true; claims: TConsentReceiptClaims } | { valid: false; reason: ReceiptInvalidReason; detail: string };
export type ReceiptInvalidReason = 'malformed' | 'wrong-type' | 'unknown-key' | 'bad-signature' | 'wrong-issuer' | 'bad-claims' | 'consent-mismatch';

/**
 * Checks a receipt against the authority's JWKS: its form, a signature by one of those keys, the
 * issuer (when given), the claims, and, when the Consent version is given too, that it is the one signed.
 */
export async function verifyConsentReceipt(jws: string, jwks: JSONWebKeySet, expect: { issuer?: string; consent?: Consent } = {}): Promise<ReceiptVerification> {
  const token = jws.trim();
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { valid: false, reason: 'malformed', detail: 'this is not a signed receipt (a JWS in compact form: three parts separated by dots)' };
  }
  if (header.typ !== CONSENT_RECEIPT_TYPE || header.alg !== SIGNING_ALG) return { valid: false, reason: 'wrong-type', detail: `expected a ${CONSENT_RECEIPT_TYPE} signed with ${SIGNING_ALG}, got ${header.typ ?? 'no type'} / ${header.alg ?? 'no algorithm'}` };
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, createLocalJWKSet(jwks), { typ: CONSENT_RECEIPT_TYPE, algorithms: [SIGNING_ALG], ...(expect.issuer ? { issuer: expect.issuer } : {}) }));
  } catch (error) {
    if (error instanceof errors.JWKSNoMatchingKey) return { valid: false, reason: 'unknown-key', detail: `the receipt is signed with key ${header.kid ?? '(none named)'}, which is not among the authority's keys` };
    if (error instanceof errors.JWSSignatureVerificationFailed) return { valid: false, reason: 'bad-signature', detail: 'the signature does not match the content: the receipt was altered or signed by another key' };
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') return { valid: false, reason: 'wrong-issuer', detail: `the receipt was not issued by ${expect.issuer}` };
    return { valid: false, reason: 'malformed', detail: (error as Error).message };
  }
  const claims = ZConsentReceiptClaims.safeParse(payload);
  if (!claims.success) return { valid: false, reason: 'bad-claims', detail: `the receipt lacks consent record fields: ${claims.error.issues.map((i) => i.path.join('.')).join(', ')}` };
  if (expect.consent && consentDigest(expect.consent) !== claims.data.consentSha256) return { valid: false, reason: 'consent-mismatch', detail: 'the receipt is for a different Consent version than the one given' };
  return { valid: true, claims: claims.data };
}
