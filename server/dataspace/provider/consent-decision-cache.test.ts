import { describe, expect, it, vi } from 'vitest';
import type { PdpDecision } from '@/server/dataspace/runtime/authority-client';
import { ConsentDecisionCache } from './consent-decision-cache';

const permit: PdpDecision = { decision: 'permit', status: 'active', categories: { conditions: 'permit' }, basis: ['r1'] };
const deny: PdpDecision = { decision: 'deny', status: 'withdrawn', categories: { conditions: 'deny' }, basis: ['r2'] };
const question = (patient = '1958031500017', professional = 'dr-a') => ({ patient, purpose: 'TREAT', consumer: 'd4h-clinic', organisation: 'alzette-hospital', professional, categories: ['conditions'] });

function setup() {
  let now = 0;
  const cache = new ConsentDecisionCache(() => now);
  let asked = 0;
  let answer = permit;
  const ask = async () => ((asked += 1), answer);
  return { cache, ask, advance: (ms: number) => (now += ms), asks: () => asked, answer: (d: PdpDecision) => (answer = d) };
}

const lease = (leaseSeconds = 15, flush = false) => async () => ({ leaseSeconds, flush });

describe('ConsentDecisionCache', () => {
  it('asks every time without a lease', async () => {
    const t = setup();
    await t.cache.decide(question(), t.ask);
    await t.cache.decide(question(), t.ask);
    expect(t.asks()).toBe(2);
  });

  it('answers from memory under a lease, per question', async () => {
    const t = setup();
    await t.cache.renew(lease());
    expect(await t.cache.decide(question(), t.ask)).toEqual(permit);
    expect(await t.cache.decide(question(), t.ask)).toEqual(permit);
    expect(t.asks()).toBe(1);
    await t.cache.decide(question('1958031500017', 'dr-b'), t.ask); // another professional is another question
    expect(t.asks()).toBe(2);
  });

  it('forgets a person on invalidation, and only that person', async () => {
    const t = setup();
    await t.cache.renew(lease());
    await t.cache.decide(question('1958031500017'), t.ask);
    await t.cache.decide(question('1955012600062'), t.ask);
    t.answer(deny);
    t.cache.invalidate({ patients: ['1958031500017'] });
    expect(await t.cache.decide(question('1958031500017'), t.ask)).toEqual(deny);
    expect(await t.cache.decide(question('1955012600062'), t.ask)).toEqual(permit);
    expect(t.asks()).toBe(3);
  });

  it('does not keep an answer that was asked before an invalidation arrived (a withdrawal racing a read)', async () => {
    const t = setup();
    await t.cache.renew(lease());
    let release: (d: PdpDecision) => void = () => undefined;
    const inFlight = t.cache.decide(question(), () => new Promise<PdpDecision>((resolve) => (release = resolve)));
    t.cache.invalidate({ patients: ['1958031500017'] }); // the withdrawal is pushed while the old answer travels
    release(permit);
    expect(await inFlight).toEqual(permit); // that read was concurrent with the withdrawal
    t.answer(deny);
    expect(await t.cache.decide(question(), t.ask)).toEqual(deny);
  });

  it('stops answering from memory when the lease ends, and forgets everything when it is taken again', async () => {
    const t = setup();
    await t.cache.renew(lease(15));
    await t.cache.decide(question(), t.ask);
    t.advance(14_100); // the lease minus its safety margin has passed
    await t.cache.decide(question(), t.ask);
    expect(t.asks()).toBe(2);
    await t.cache.renew(lease(15)); // lapsed: invalidations may have been missed meanwhile
    t.answer(deny);
    expect(await t.cache.decide(question(), t.ask)).toEqual(deny);
  });

  it('forgets everything when the authority says it missed an invalidation', async () => {
    const t = setup();
    await t.cache.renew(lease());
    await t.cache.decide(question(), t.ask);
    t.advance(5000);
    await t.cache.renew(lease(15, true));
    await t.cache.decide(question(), t.ask);
    expect(t.asks()).toBe(2);
  });

  it('keeps a decision no longer than the rules it rests on are valid', async () => {
    const t = setup();
    await t.cache.renew(lease(300));
    await t.cache.decide(question(), async () => ({ ...permit, cacheUntilMs: 10_000 }));
    t.advance(8000);
    await t.cache.decide(question(), t.ask);
    expect(t.asks()).toBe(0);
    t.advance(1500); // within the safety margin of the rule's end
    await t.cache.decide(question(), t.ask);
    expect(t.asks()).toBe(1);
  });

  it('never keeps a refusal for a revoked organisation (reinstating it pushes nothing)', async () => {
    const t = setup();
    await t.cache.renew(lease());
    const revoked = { ...deny, basis: ['organisation-not-active'] };
    await t.cache.decide(question(), async () => revoked);
    expect(await t.cache.decide(question(), t.ask)).toEqual(permit);
  });

  it('drops the lease at once when it cannot be renewed', async () => {
    const t = setup();
    await t.cache.renew(lease());
    await t.cache.decide(question(), t.ask);
    t.cache.drop();
    await t.cache.decide(question(), t.ask);
    expect(t.asks()).toBe(2);
    expect(t.cache.leased).toBe(false);
  });

  it('keeps retrying an authority that does not answer, reports the outage once, and holds a lease again when it is back', async () => {
    vi.useFakeTimers();
    try {
      const cache = new ConsentDecisionCache(() => Date.now());
      let up = false;
      const errors: string[] = [];
      const stop = cache.keepLease(async () => {
        if (!up) throw new Error('authority unreachable');
        return { leaseSeconds: 15, flush: false };
      }, (e) => errors.push(e.message));
      await vi.advanceTimersByTimeAsync(3500);
      expect(cache.leased).toBe(false);
      expect(errors).toEqual(['authority unreachable']);
      up = true;
      await vi.advanceTimersByTimeAsync(1000);
      expect(cache.leased).toBe(true);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
