import type { z } from 'zod';
import type { JSONWebKeySet } from 'jose';
import { AppError } from '@/server/api/app-error';
import { authorityAddress } from '@/server/consent/patient-consent';
import { verifyConsentReceipt } from '@/server/dataspace/protocol/consent-receipt';
import type { TVerifyReceiptOutput, ZVerifyReceiptInputSchema } from './verifyReceipt.schema';

/** Checks a pasted or uploaded receipt against the authority's published keys (its JWKS), as anyone could. */
export async function verifyReceiptHandler({ input }: { input: z.infer<typeof ZVerifyReceiptInputSchema> }): Promise<TVerifyReceiptOutput> {
  const authority = authorityAddress();
  let jwks: JSONWebKeySet;
  try {
    const response = await fetch(`${authority.url}/.well-known/jwks.json`, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`status ${response.status}`);
    jwks = (await response.json()) as JSONWebKeySet;
  } catch {
    throw new AppError('SERVICE_UNAVAILABLE', 'The eHealth agency\'s keys could not be fetched, so the receipt cannot be checked now.');
  }
  const result = await verifyConsentReceipt(input.receipt, jwks, { issuer: authority.id });
  if (!result.valid) return result;
  const c = result.claims;
  return { valid: true, issuer: c.iss, patient: c.piiPrincipalId, version: c.version, timestamp: c.timestamp, recordId: c.recordId, purposes: c.purposes.map(({ purpose, decision, data, recipients }) => ({ purpose, decision, data, recipients })), withdrawal: c.withdrawal };
}
