import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signEdrToken, verifyEdrToken } from './edr-token';
import { issueParticipantCredential } from './participant-credential';
import { generateParticipantKeyPair, importPrivateKey, publicJwks } from './participant-keys';
import { signParticipantToken, verifyParticipantToken, type ParticipantTokenCheck } from './participant-token';
import { signPractitionerAssertion, verifyPractitionerAssertion } from './practitioner-assertion';
import { memoryReplayGuard } from './replay-guard';

async function setup() {
  const authority = await generateParticipantKeyPair();
  const consumer = await generateParticipantKeyPair();
  const { credential, claims } = await issueParticipantCredential({ authorityId: 'ehealth-agency', authorityKey: authority, participantId: 'clinic', legalName: 'Clinic', roles: ['hospital'], jkt: consumer.kid });
  const active = new Set([claims.jti]);
  const check: ParticipantTokenCheck = { audience: 'provider', authorityId: 'ehealth-agency', authorityJwks: publicJwks(authority), replay: memoryReplayGuard(), isActive: async (_p, jti) => active.has(jti) };
  return { authority, consumer, credential, claims, check, active };
}

describe('participant tokens', () => {
  it('accepts a valid token once and refuses its replay', async () => {
    const { consumer, credential, check } = await setup();
    const token = await signParticipantToken({ participantId: 'clinic', key: consumer, credential, audience: 'provider' });
    await expect(verifyParticipantToken(token, check)).resolves.toMatchObject({ participantId: 'clinic' });
    await expect(verifyParticipantToken(token, check)).rejects.toMatchObject({ kind: 'replayed' });
  });

  it('refuses another audience, another key, a revoked credential and a credential from another authority', async () => {
    const { consumer, credential, check, active, claims } = await setup();
    await expect(verifyParticipantToken(await signParticipantToken({ participantId: 'clinic', key: consumer, credential, audience: 'elsewhere' }), check)).rejects.toMatchObject({ kind: 'audience' });
    const thief = await generateParticipantKeyPair();
    await expect(verifyParticipantToken(await signParticipantToken({ participantId: 'clinic', key: thief, credential, audience: 'provider' }), check)).rejects.toMatchObject({ kind: 'binding' });
    const rogue = await generateParticipantKeyPair();
    const { credential: rogueCredential } = await issueParticipantCredential({ authorityId: 'ehealth-agency', authorityKey: rogue, participantId: 'clinic', legalName: 'Clinic', roles: ['hospital'], jkt: consumer.kid });
    await expect(verifyParticipantToken(await signParticipantToken({ participantId: 'clinic', key: consumer, credential: rogueCredential, audience: 'provider' }), check)).rejects.toMatchObject({ kind: 'signature' });
    active.delete(claims.jti);
    await expect(verifyParticipantToken(await signParticipantToken({ participantId: 'clinic', key: consumer, credential, audience: 'provider' }), check)).rejects.toMatchObject({ kind: 'revoked' });
  });

  it('refuses a token that lives longer than 5 minutes or has expired', async () => {
    const { consumer, credential, check } = await setup();
    const iat = Math.floor(Date.now() / 1000);
    const long = await new SignJWT({ vc: credential }).setProtectedHeader({ alg: 'ES256', typ: 'participant+jwt', jwk: consumer.publicJwk }).setIssuer('clinic').setAudience('provider').setIssuedAt(iat).setExpirationTime(iat + 3600).setJti('a').sign(await importPrivateKey(consumer));
    await expect(verifyParticipantToken(long, check)).rejects.toMatchObject({ kind: 'lifetime' });
    const old = await new SignJWT({ vc: credential }).setProtectedHeader({ alg: 'ES256', typ: 'participant+jwt', jwk: consumer.publicJwk }).setIssuer('clinic').setAudience('provider').setIssuedAt(iat - 600).setExpirationTime(iat - 400).setJti('b').sign(await importPrivateKey(consumer));
    await expect(verifyParticipantToken(old, check)).rejects.toMatchObject({ kind: 'expired' });
    await expect(verifyParticipantToken('not-a-jwt', check)).rejects.toMatchObject({ kind: 'malformed' });
    await expect(verifyParticipantToken(undefined, check)).rejects.toMatchObject({ kind: 'missing' });
  });
});

describe('EDR tokens and practitioner assertions', () => {
  it('binds an EDR to agreement, consumer and purpose; only the consumer key can assert a practitioner', async () => {
    const provider = await generateParticipantKeyPair();
    const consumer = await generateParticipantKeyPair();
    const { token } = await signEdrToken({ key: provider, provider: 'p', consumer: 'clinic', agreementId: 'urn:a', transferId: 'urn:t', datasetId: 'ehr', purpose: 'TREAT', consumerJkt: consumer.kid });
    const edr = await verifyEdrToken(token, { provider: 'p', jwks: publicJwks(provider) });
    expect(edr).toMatchObject({ consumer: 'clinic', agreementId: 'urn:a', purpose: 'TREAT' });
    expect(edr.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(300_000);
    await expect(verifyEdrToken(token, { provider: 'other', jwks: publicJwks(provider) })).rejects.toMatchObject({ kind: 'signature' });
    const other = await generateParticipantKeyPair();
    await expect(verifyEdrToken(token, { provider: 'p', jwks: publicJwks(other) })).rejects.toMatchObject({ kind: 'signature' });

    const assertion = await signPractitionerAssertion({ key: consumer, consumerId: 'clinic', audience: 'p', userId: 'u1', role: 'oncologist', organisation: 'clinic', purpose: 'ETREAT', breakGlassReason: 'unconscious in ED' });
    await expect(verifyPractitionerAssertion(assertion, { consumerId: 'clinic', consumerJkt: consumer.kid, audience: 'p' })).resolves.toMatchObject({ userId: 'u1', breakGlassReason: 'unconscious in ED' });
    const forged = await signPractitionerAssertion({ key: other, consumerId: 'clinic', audience: 'p', userId: 'u1', role: 'oncologist', organisation: 'clinic', purpose: 'TREAT' });
    await expect(verifyPractitionerAssertion(forged, { consumerId: 'clinic', consumerJkt: consumer.kid, audience: 'p' })).rejects.toMatchObject({ kind: 'binding' });
  });
});
