import fs from 'node:fs';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';

/** The e2e EHR: an ES384 key pair whose public half is written to the web server's cds-clients.json. */
export const E2E_CDS_ISSUER = 'https://e2e-ehr.example';

export async function e2eCdsClient(file: string): Promise<{ iss: string; privateJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair('ES384', { extractable: true });
  fs.writeFileSync(file, JSON.stringify([{ iss: E2E_CDS_ISSUER, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'e2e-1', alg: 'ES384' }] } }]));
  return { iss: E2E_CDS_ISSUER, privateJwk: await exportJWK(privateKey) };
}

/** A fresh CDS Hooks JWT of the e2e EHR for a service URL. */
export async function e2eCdsToken(aud: string): Promise<string> {
  const client = JSON.parse(process.env.E2E_CDS_CLIENT ?? 'null') as { iss: string; privateJwk: JWK } | null;
  if (!client) throw new Error('E2E_CDS_CLIENT is not set: run through e2e/global-setup.ts');
  const key = await importJWK(client.privateJwk, 'ES384');
  return new SignJWT({}).setProtectedHeader({ alg: 'ES384', typ: 'JWT', kid: 'e2e-1' }).setIssuer(client.iss).setAudience(aud).setIssuedAt().setExpirationTime('2m').setJti(randomUUID()).sign(key);
}
