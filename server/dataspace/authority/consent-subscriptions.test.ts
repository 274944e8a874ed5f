import { describe, expect, it } from 'vitest';
import { ConsentSubscriptions, type InvalidationScope } from './consent-subscriptions';

function setup(options: { before?: string[]; failing?: Set<string> } = {}) {
  let now = 1_000_000;
  const sent: Array<{ id: string; scope: InvalidationScope }> = [];
  const subscriptions = new ConsentSubscriptions({
    leaseSeconds: 15,
    send: async (id, scope) => {
      sent.push({ id, scope });
      if (options.failing?.has(id)) throw new Error('no answer');
    },
    providersBeforeStart: async () => options.before ?? [],
    now: () => now,
    sleep: async (ms) => void (now += ms),
  });
  return { subscriptions, sent, advance: (ms: number) => (now += ms), now: () => now };
}

describe('ConsentSubscriptions', () => {
  it('a first lease, and one taken after the last ended, tell the provider to forget what it kept', () => {
    const t = setup();
    expect(t.subscriptions.renew('alzette-hospital')).toEqual({ leaseSeconds: 15, flush: true });
    t.advance(5000);
    expect(t.subscriptions.renew('alzette-hospital').flush).toBe(false);
    t.advance(16_000);
    expect(t.subscriptions.renew('alzette-hospital').flush).toBe(true);
  });

  it('pushes a change to the providers holding a lease, not to those whose lease ended', async () => {
    const t = setup();
    t.advance(20_000); // past the start-up window
    t.subscriptions.renew('alzette-hospital');
    t.advance(10_000);
    t.subscriptions.renew('moselle-clinic');
    t.advance(6000); // alzette's lease has ended
    const result = await t.subscriptions.invalidate({ patients: ['1958031500017'] });
    expect(t.sent).toEqual([{ id: 'moselle-clinic', scope: { patients: ['1958031500017'] } }]);
    expect(result).toEqual({ acknowledged: ['moselle-clinic'], waitedOut: [] });
  });

  it('confirms a change a provider did not acknowledge only once that provider\'s lease has ended, and makes its next renewal forget all', async () => {
    const t = setup({ failing: new Set(['moselle-clinic']) });
    t.advance(20_000);
    t.subscriptions.renew('moselle-clinic');
    const leaseEnd = t.now() + 15_000;
    t.advance(4000);
    const result = await t.subscriptions.invalidate('all');
    expect(result.waitedOut).toEqual(['moselle-clinic']);
    expect(t.now()).toBeGreaterThanOrEqual(leaseEnd);
    expect(t.subscriptions.renew('moselle-clinic').flush).toBe(true);
    expect(t.subscriptions.renew('moselle-clinic').flush).toBe(false);
  });

  it('right after a start, also pushes to every provider an earlier run may have leased to', async () => {
    const t = setup({ before: ['alzette-hospital', 'research-institute'], failing: new Set(['research-institute']) });
    const started = t.now();
    const result = await t.subscriptions.invalidate({ patients: ['1955012600062'] });
    expect(t.sent.map((s) => s.id).sort()).toEqual(['alzette-hospital', 'research-institute']);
    expect(result.waitedOut).toEqual(['research-institute']);
    expect(t.now()).toBeGreaterThanOrEqual(started + 15_000); // an old lease may run until then
  });
});
