import { describe, expect, it } from 'vitest';
import { toConsentResource } from '@/server/dataspace/authority/consent-resource';
import { signReceiptFor } from '@/server/dataspace/authority/consent-receipts';
import { verifyConsentReceipt } from './consent-receipt';
import { generateParticipantKeyPair, publicJwks } from './participant-keys';

const MARIE = '1958031500017';
const consent = toConsentResource({ consentId: '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d', version: 2, patient: MARIE, recorded: new Date('2026-12-01T10:00:00Z'), authority: 'ehealth-agency' }, [
  { id: 'no-research', decision: 'deny', purpose: 'HRESCH', organisation: null, professional: null, dataCategory: null, validFrom: null, validUntil: null },
  { id: 'block', decision: 'deny', purpose: 'TREAT', organisation: 'alzette-hospital', professional: null, dataCategory: null, validFrom: null, validUntil: null },
]);

describe('consent receipts', async () => {
  const key = await generateParticipantKeyPair();
  const authority = { id: 'ehealth-agency', key, withdrawalUrl: 'http://127.0.0.1:3000/my-data' };
  const receipt = await signReceiptFor(consent, { patient: MARIE, version: 2, recordedBy: 'd4h-clinic:patient:' + MARIE }, authority);

  it('verifies with the authority\'s JWKS and carries the ISO/IEC TS 27560 fields', async () => {
    const result = await verifyConsentReceipt(receipt, publicJwks(key), { issuer: 'ehealth-agency', consent });
    expect(result.valid).toBe(true);
    if (!result.valid) return;
    expect(result.claims).toMatchObject({
      piiPrincipalId: MARIE, piiController: 'ehealth-agency', version: 2, recordId: `Consent/${consent.id}/_history/2`, timestamp: '2026-12-01T10:00:00.000Z',
      purposes: [{ purpose: 'HRESCH', decision: 'deny', data: 'all', recipients: 'all' }, { purpose: 'TREAT', decision: 'deny', recipients: ['alzette-hospital'] }],
      withdrawal: { url: 'http://127.0.0.1:3000/my-data' },
    });
  });

  it('fails when the content was altered', async () => {
    const [h, p, s] = receipt.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as { purposes: Array<{ decision: string }> };
    claims.purposes[0]!.decision = 'permit';
    const tampered = [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), s].join('.');
    expect(await verifyConsentReceipt(tampered, publicJwks(key))).toMatchObject({ valid: false, reason: 'bad-signature' });
  });

  it('fails with another key, another issuer, another Consent version or something that is no receipt', async () => {
    const other = await generateParticipantKeyPair();
    expect(await verifyConsentReceipt(receipt, publicJwks(other))).toMatchObject({ valid: false, reason: 'unknown-key' });
    expect(await verifyConsentReceipt(receipt, { keys: [{ ...other.publicJwk, kid: key.kid }] })).toMatchObject({ valid: false, reason: 'bad-signature' });
    expect(await verifyConsentReceipt(receipt, publicJwks(key), { issuer: 'someone-else' })).toMatchObject({ valid: false, reason: 'wrong-issuer' });
    expect(await verifyConsentReceipt(receipt, publicJwks(key), { consent: { ...consent, meta: { versionId: '3' } } })).toMatchObject({ valid: false, reason: 'consent-mismatch' });
    expect(await verifyConsentReceipt('hello', publicJwks(key))).toMatchObject({ valid: false, reason: 'malformed' });
  });
});
