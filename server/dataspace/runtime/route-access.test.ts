import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { memoryReplayGuard } from '@/server/dataspace/protocol/replay-guard';
import { authorise, findRule, mounted, routesWithoutRule, type AccessVerifiers, type RouteRule } from './route-access';

const rules: RouteRule[] = [
  { method: 'GET', path: '/fhir/r4/metadata', access: ['public'] },
  { method: 'GET', path: '/fhir/r4/:type', access: ['edr'] },
  { method: 'POST', path: '/fhir/r4/$aggregate', access: ['edr'] },
  { method: 'POST', path: '/offers', access: ['operator'] },
];

const verifiers: AccessVerifiers = {
  self: 'alzette-hospital',
  authorityId: 'ehealth-agency',
  authorityJwks: async () => ({ keys: [] }),
  isActive: async () => true,
  replay: memoryReplayGuard(),
  operatorToken: () => 'secret-operator-token',
};

describe('route rules', () => {
  it('match the most literal rule, HEAD as GET, and nothing for an undeclared method or path', () => {
    expect(findRule(rules, 'GET', '/fhir/r4/metadata')?.access).toEqual(['public']);
    expect(findRule(rules, 'HEAD', '/fhir/r4/Patient')?.access).toEqual(['edr']);
    expect(findRule(rules, 'POST', '/fhir/r4/$aggregate')?.path).toBe('/fhir/r4/$aggregate');
    expect(findRule(rules, 'DELETE', '/fhir/r4/Patient')).toBeUndefined();
    expect(findRule(rules, 'GET', '/fhir/r4/Patient/1/extra')).toBeUndefined();
  });

  it('mount under a prefix', () => {
    expect(mounted('/offers', [{ method: 'POST', path: '/', access: ['operator'] }])[0]?.path).toBe('/offers');
    expect(mounted('/dsp', [{ method: 'GET', path: '/negotiations/:pid', access: ['participant'] }])[0]?.path).toBe('/dsp/negotiations/:pid');
  });

  it('name every route an app serves without a rule', () => {
    const app = new Hono();
    app.use('*', async (_c, next) => next());
    app.get('/fhir/r4/metadata', (c) => c.text('ok'));
    app.post('/offers', (c) => c.text('ok'));
    app.get('/debug/dump', (c) => c.text('leak'));
    expect(routesWithoutRule(app.routes, rules)).toEqual(['GET /debug/dump']);
  });

  it('admit public routes to anyone, operator routes to the operator token only', async () => {
    expect((await authorise(rules[0] as RouteRule, () => undefined, verifiers)).ok).toBe(true);
    const offers = rules[3] as RouteRule;
    expect(await authorise(offers, () => undefined, verifiers)).toMatchObject({ ok: false, refusal: { status: 401 } });
    expect(await authorise(offers, (h) => (h === 'authorization' ? 'Bearer wrong-token-of-same-size!' : undefined), verifiers)).toMatchObject({ ok: false, refusal: { status: 401 } });
    expect(await authorise(offers, (h) => (h === 'authorization' ? 'Bearer secret-operator-token' : undefined), verifiers)).toMatchObject({ ok: true, caller: { operator: true } });
  });
});
