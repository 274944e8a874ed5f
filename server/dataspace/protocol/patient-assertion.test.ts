import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { SIGNING_ALG, generateParticipantKeyPair, importPrivateKey, jwkThumbprint } from './participant-keys';
import { signPatientAssertion, verifyPatientAssertion } from './patient-assertion';
import { memoryReplayGuard } from './replay-guard';

const MARIE = '1958031500017';

async function setup() {
  const portal = await generateParticipantKeyPair();
  const check = { portalId: 'd4h-clinic', portalJkt: await jwkThumbprint(portal.publicJwk), audience: 'ehealth-agency', replay: memoryReplayGuard() };
  return { portal, check };
}

describe('patient assertions', () => {
  it('name the patient, and are accepted once', async () => {
    const { portal, check } = await setup();
    const token = await signPatientAssertion({ nationalId: MARIE, portalId: 'd4h-clinic', key: portal, audience: 'ehealth-agency' });
    await expect(verifyPatientAssertion(token, check)).resolves.toMatchObject({ nationalId: MARIE });
    await expect(verifyPatientAssertion(token, check)).rejects.toMatchObject({ kind: 'replayed' });
  });

  it('refuse another audience, another signer, another issuer, a missing one and one that lives longer than 5 minutes', async () => {
    const { portal, check } = await setup();
    await expect(verifyPatientAssertion(await signPatientAssertion({ nationalId: MARIE, portalId: 'd4h-clinic', key: portal, audience: 'alzette-hospital' }), check)).rejects.toMatchObject({ kind: 'audience' });
    const other = await generateParticipantKeyPair();
    await expect(verifyPatientAssertion(await signPatientAssertion({ nationalId: MARIE, portalId: 'd4h-clinic', key: other, audience: 'ehealth-agency' }), check)).rejects.toMatchObject({ kind: 'binding' });
    await expect(verifyPatientAssertion(await signPatientAssertion({ nationalId: MARIE, portalId: 'alzette-hospital', key: portal, audience: 'ehealth-agency' }), check)).rejects.toMatchObject({ kind: 'binding' });
    await expect(verifyPatientAssertion(undefined, check)).rejects.toMatchObject({ kind: 'missing' });
    const iat = Math.floor(Date.now() / 1000);
    const long = await new SignJWT({})
      .setProtectedHeader({ alg: SIGNING_ALG, typ: 'patient-assertion+jwt', jwk: portal.publicJwk })
      .setIssuer('d4h-clinic')
      .setSubject(MARIE)
      .setAudience('ehealth-agency')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .setJti('urn:uuid:long')
      .sign(await importPrivateKey(portal));
    await expect(verifyPatientAssertion(long, check)).rejects.toMatchObject({ kind: 'lifetime' });
  });

  it('caps the lifetime a signer asks for at 5 minutes', async () => {
    const { portal, check } = await setup();
    const token = await signPatientAssertion({ nationalId: MARIE, portalId: 'd4h-clinic', key: portal, audience: 'ehealth-agency', lifetimeSeconds: 86_400 });
    await expect(verifyPatientAssertion(token, check)).resolves.toMatchObject({ nationalId: MARIE });
  });
});
