import { describe, expect, it } from 'vitest';
import { ConsentSubscriptions, type InvalidationScope } from './consent-subscriptions';

function setup(options: { stored?: Record<string, number>; failing?: Set<string> } = {}) {
  let now = 1_000_000;
  let saved: Record<string, number> = options.stored ?? {};
  const sent: Array<{ id: string; scope: InvalidationScope }> = [];
  const subscriptions = new ConsentSubscriptions({
    leaseSeconds: 15,
    send: async (id, scope) => {
      sent.push({ id, scope });
      if (options.failing?.has(id)) throw new Error('no answer');
    },
    store: { load: async () => saved, save: async (leases) => void (saved = leases) },
    now: () => now,
    sleep: async (ms) => void (now += ms),
  });
  return { subscriptions, sent, advance: (ms: number) => (now += ms), now: () => now, saved: () => saved };
}

describe('ConsentSubscriptions', () => {
  it('a first lease, and one taken after the last ended, tell the provider to forget what it kept', async () => {
    const t = setup();
    expect(await t.subscriptions.renew('alzette-hospital')).toEqual({ leaseSeconds: 15, flush: true });
    t.advance(5000);
    expect((await t.subscriptions.renew('alzette-hospital')).flush).toBe(false);
    t.advance(16_000);
    expect((await t.subscriptions.renew('alzette-hospital')).flush).toBe(true);
  });

  it('pushes a change to the providers holding a lease, not to those whose lease ended', async () => {
    const t = setup();
    t.advance(20_000); // past the start-up window
    await t.subscriptions.renew('alzette-hospital');
    t.advance(10_000);
    await t.subscriptions.renew('moselle-clinic');
    t.advance(6000); // alzette's lease has ended
    const result = await t.subscriptions.invalidate({ patients: ['1958031500017'] });
    expect(t.sent).toEqual([{ id: 'moselle-clinic', scope: { patients: ['1958031500017'] } }]);
    expect(result).toEqual({ acknowledged: ['moselle-clinic'], waitedOut: [], leaseEnds: {} });
  });

  it('confirms a change a provider did not acknowledge only once that provider\'s lease has ended, and makes its next renewal forget all', async () => {
    const t = setup({ failing: new Set(['moselle-clinic']) });
    t.advance(20_000);
    await t.subscriptions.renew('moselle-clinic');
    const leaseEnd = t.now() + 15_000;
    t.advance(4000);
    const result = await t.subscriptions.invalidate('all');
    expect(result.waitedOut).toEqual(['moselle-clinic']);
    expect(t.now()).toBeGreaterThanOrEqual(leaseEnd);
    expect((await t.subscriptions.renew('moselle-clinic')).flush).toBe(true);
    expect((await t.subscriptions.renew('moselle-clinic')).flush).toBe(false);
  });

  it('after a restart, still pushes to a provider whose lease an earlier run granted, and waits it out if it does not answer', async () => {
    const t = setup({ stored: { 'alzette-hospital': 1_000_000 + 9000, 'research-institute': 1_000_000 + 12_000, 'moselle-clinic': 1_000_000 - 1 }, failing: new Set(['research-institute']) });
    const result = await t.subscriptions.invalidate({ patients: ['1955012600062'] });
    expect(t.sent.map((s) => s.id).sort()).toEqual(['alzette-hospital', 'research-institute']);
    expect(result.waitedOut).toEqual(['research-institute']);
    expect(t.now()).toBeGreaterThanOrEqual(1_000_000 + 12_000);
  });

  it('stores every lease it grants, so that a restart knows them', async () => {
    const t = setup();
    await t.subscriptions.renew('alzette-hospital');
    expect(t.saved()).toEqual({ 'alzette-hospital': t.now() + 15_000 });
  });
});
