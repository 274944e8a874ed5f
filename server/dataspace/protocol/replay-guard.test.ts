import { describe, expect, it } from 'vitest';
import { memoryReplayGuard } from './replay-guard';

const inFiveMinutes = () => new Date(Date.now() + 300_000);

describe('memoryReplayGuard', () => {
  it('accepts an id once', async () => {
    const guard = memoryReplayGuard();
    expect(await guard.claim('a', inFiveMinutes(), new Date())).toBe(true);
    expect(await guard.claim('a', inFiveMinutes(), new Date())).toBe(false);
    expect(await guard.claim('b', inFiveMinutes(), new Date())).toBe(true);
  });

  it('after a restart, refuses every token issued up to the start second, so a token used before the restart cannot be replayed', async () => {
    const started = new Date('2026-11-29T08:00:00.400Z');
    const guard = memoryReplayGuard({ refuseIssuedUntil: started });
    // iat is in whole seconds: 08:00:00 may be 08:00:00.300, before the start
    expect(await guard.claim('before', inFiveMinutes(), new Date('2026-11-29T07:59:30Z'))).toBe(false);
    expect(await guard.claim('same-second', inFiveMinutes(), new Date('2026-11-29T08:00:00Z'))).toBe(false);
    expect(await guard.claim('after', inFiveMinutes(), new Date('2026-11-29T08:00:01Z'))).toBe(true);
    expect(await guard.claim('after', inFiveMinutes(), new Date('2026-11-29T08:00:01Z'))).toBe(false);
  });
});
