import { describe, expect, it } from 'vitest';
import { DifferencingGuard } from '@/server/dataspace/provider/data-plane/differencing-guard';
import { cohortsOf, runSimilarPatients, type SimilarPerson } from '@/server/dataspace/provider/data-plane/similar-patients-aggregate';
import { similarPatients, similarPatientsRequest, type TAskProviders } from './similar-patients';

const DAY = 86400_000;
const start = new Date('2025-01-01T00:00:00Z');
const at = (months: number) => new Date(start.getTime() + months * 30.4375 * DAY);

/** A provider's people: `n` on a treatment, deaths at the given months (the rest followed for 24 months). */
function people(prefix: string, groups: Array<{ treatment: string; n: number; deaths?: number[] }>): Map<string, SimilarPerson> {
  const out = new Map<string, SimilarPerson>();
  for (const g of groups)
    for (let i = 0; i < g.n; i += 1) {
      const death = g.deaths?.[i];
      out.set(`${prefix}-${g.treatment}-${i}`, { diagnosed: start, lineStart: start, treatment: g.treatment, progressions: death !== undefined ? [at(death - 0.5)] : [], death: death !== undefined ? at(death) : null, lastSeen: at(death ?? 24) });
    }
  return out;
}

const request = similarPatientsRequest({ cancerType: 'colorectal', variant: 'KRAS G12C' });
const asking = (byProvider: Record<string, Map<string, SimilarPerson>>): TAskProviders => async () =>
  Object.entries(byProvider).map(([providerId, p]) => ({ providerId, status: 'ok' as const, answer: runSimilarPatients({ request, people: p }) }));

/** Every count a result shows (cohorts, treatment mix, curve steps): none may be between 1 and 4. */
function shownCounts(result: Awaited<ReturnType<typeof similarPatients>>): number[] {
  return [
    ...result.providers.flatMap((p) => (typeof p.cohort === 'number' ? [p.cohort] : [])),
    ...result.treatments.map((t) => Number(t.count.replace('≥', ''))).filter(Number.isFinite),
    ...result.curves.flatMap((c) => [c.patients, ...[...c.overallSurvival, ...c.progressionFreeSurvival].flatMap((p) => [p.atRisk, p.events, p.censored])]),
  ];
}

describe('similarPatients', () => {
  it('writes the variant as the molecular reports do', () => {
    expect(request.similarPatients.variant).toEqual({ gene: 'KRAS', aminoAcidChange: 'p.Gly12Cys' });
    expect(similarPatientsRequest({ cancerType: 'lung', variant: 'EGFR exon 19 deletion' }).similarPatients.variant).toEqual({ gene: 'EGFR', aminoAcidChange: 'p.Glu746_Ala750del' });
  });

  it('pools two providers into Kaplan–Meier curves by treatment, with numbers at risk and providers', async () => {
    const result = await similarPatients(
      { cancerType: 'colorectal', variant: 'KRAS G12C' },
      asking({
        a: people('a', [{ treatment: 'fluorouracil + oxaliplatin', n: 20, deaths: [2, 2, 2, 2, 2, 8, 8, 8, 8, 8] }]),
        b: people('b', [{ treatment: 'fluorouracil + oxaliplatin', n: 15, deaths: [2, 2, 2, 2, 2] }]),
      }),
    );
    expect(result.statement).toBeNull();
    const curve = result.curves[0];
    expect(curve).toMatchObject({ treatment: 'fluorouracil + oxaliplatin', patients: 35, providers: ['a', 'b'] });
    // Month 3: 10 deaths of 35 → 0.7143; month 9: a's 5 deaths of 25 → 0.5714; month 24: the 20 left are censored.
    expect(curve?.overallSurvival.map((p) => [p.month, p.atRisk, p.events, p.censored, p.survival])).toEqual([
      [3, 35, 10, 0, 0.7143],
      [9, 25, 5, 0, 0.5714],
      [24, 20, 0, 20, 0.5714],
    ]);
    expect(curve?.overallSurvival[0]?.lower).toBeLessThan(0.7143);
  });

  it('a cohort of fewer than five never leaks a count or a curve step', async () => {
    for (const n of [1, 2, 3, 4]) {
      const result = await similarPatients({ cancerType: 'colorectal' }, asking({ a: people('a', [{ treatment: 'x', n, deaths: [1] }]), b: people('b', [{ treatment: 'x', n, deaths: [2] }]) }));
      expect(shownCounts(result).filter((c) => c > 0 && c < 5)).toEqual([]);
      expect(result.curves).toEqual([]);
      expect(result.statement).toMatch(/Too few/);
    }
  });

  it('a small treatment group beside a large one shows as "<5" (with its complement hidden), never as a curve', async () => {
    const result = await similarPatients(
      { cancerType: 'colorectal' },
      asking({
        a: people('a', [{ treatment: 'big', n: 30, deaths: [1, 1, 1, 1, 1] }, { treatment: 'small', n: 3, deaths: [1] }]),
        b: people('b', [{ treatment: 'big', n: 30, deaths: [4, 4, 4, 4, 4] }, { treatment: 'small', n: 2 }]),
      }),
    );
    expect(result.treatments.find((t) => t.treatment === 'small')?.count).toBe('<5');
    expect(result.curves.map((c) => c.treatment)).toEqual([]);
    expect(shownCounts(result).filter((c) => c > 0 && c < 5)).toEqual([]);
  });

  it('stops the pooled curve where one provider withholds its tail', async () => {
    const result = await similarPatients(
      { cancerType: 'colorectal' },
      asking({
        // a: 5 deaths by month 3, 10 censored at month 24 → steps 3, 24. b: 5 deaths by month 3; its 3 later deaths and 4 censorings never qualify: withheld.
        a: people('a', [{ treatment: 'x', n: 15, deaths: [1, 1, 1, 1, 1] }]),
        b: people('b', [{ treatment: 'x', n: 12, deaths: [1, 1, 1, 1, 1, 13, 14, 15] }]),
      }),
    );
    expect(result.curves[0]?.overallSurvival.map((p) => p.month)).toEqual([3]);
  });

  it('says when fewer than two providers answered', async () => {
    const ask: TAskProviders = async () => [
      { providerId: 'a', status: 'ok', answer: runSimilarPatients({ request, people: people('a', [{ treatment: 'x', n: 40, deaths: [1, 1, 1, 1, 1] }]) }) },
      { providerId: 'b', status: 'unavailable', detail: 'timeout' },
    ];
    const result = await similarPatients({ cancerType: 'colorectal' }, ask);
    expect(result.statement).toMatch(/Too few providers contributed \(1 of 2 asked\)/);
    expect(result.curves).toEqual([]);
    expect(result.providers[1]).toMatchObject({ status: 'unavailable', detail: 'timeout' });
  });
});

describe('differencing protection', () => {
  it('two overlapping cohorts that differ by fewer than five cannot both be answered', () => {
    const guard = new DifferencingGuard();
    const all = people('a', [{ treatment: 'x', n: 20 }, { treatment: 'y', n: 12 }]);
    const first = cohortsOf(all);
    expect(guard.tooClose('clinic', first)).toBeNull();
    guard.remember('clinic', first);
    // The same query again is fine (nothing new to subtract).
    expect(guard.tooClose('clinic', cohortsOf(all))).toBeNull();
    // One person fewer (a narrower query, or one consent withdrawn): subtracting would reveal them.
    const minusOne = new Map([...all].slice(1));
    expect(guard.tooClose('clinic', cohortsOf(minusOne))).toBe(1);
    // Five fewer is a different cohort enough.
    expect(guard.tooClose('clinic', cohortsOf(new Map([...all].filter(([id]) => !/^a-x-[0-4]$/.test(id)))))).toBeNull();
    // Another requester has its own history.
    expect(guard.tooClose('other', cohortsOf(minusOne))).toBeNull();
  });

  it('compares treatment groups too: moving one person between groups is caught', () => {
    const guard = new DifferencingGuard();
    const all = people('a', [{ treatment: 'x', n: 20 }, { treatment: 'y', n: 12 }]);
    guard.remember('clinic', cohortsOf(all));
    const moved = new Map(all);
    const one = moved.get('a-y-0');
    if (one) moved.set('a-y-0', { ...one, treatment: 'x' });
    expect(guard.tooClose('clinic', cohortsOf(moved))).toBe(1);
  });
});
