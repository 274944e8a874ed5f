import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '@/db/test-databases';
import type { OpenDatabase } from '@/db/client';
import { PARTICIPANT_MIGRATIONS } from '@/db/participant/migrations-folder';
import { generateParticipantKeyPair, publicJwks } from '@/server/dataspace/protocol/participant-keys';
import { memoryReplayGuard } from '@/server/dataspace/protocol/replay-guard';
import { createAuthorityApp } from './authority-app';

const OPERATOR = 'operator-token-for-this-test-only';

/** A revocation must stand until an operator explicitly reinstates the participant. */
describe('sticky revocation at the authority', () => {
  let database: OpenDatabase;
  let app: ReturnType<typeof createAuthorityApp>;
  const enrol = async (body: Record<string, unknown>) =>
    app.request('/registry/enrol', { method: 'POST', headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    database = await openTestDatabase('pglite', PARTICIPANT_MIGRATIONS);
    app = createAuthorityApp({ id: 'ehealth-agency', db: database.db, key: await generateParticipantKeyPair(), credential: () => '', operatorToken: OPERATOR, replay: memoryReplayGuard() });
  });
  afterAll(() => database.close());

  it('refuses a revoked participant that re-enrols on its own, and accepts an explicit reinstatement', async () => {
    const jwks = publicJwks(await generateParticipantKeyPair());
    expect((await enrol({ id: 'd4h-clinic', jwks })).status).toBe(201);
    const revoked = await app.request('/registry/participants/d4h-clinic/revoke', {
      method: 'POST',
      headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'key compromised' }),
    });
    expect(revoked.status).toBe(200);

    const again = await enrol({ id: 'd4h-clinic', jwks: publicJwks(await generateParticipantKeyPair()) });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'participant-revoked', detail: expect.stringContaining('key compromised') });

    const reinstated = await enrol({ id: 'd4h-clinic', jwks: publicJwks(await generateParticipantKeyPair()), reinstate: true });
    expect(reinstated.status).toBe(201);
  });
});
