import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { openTestDatabase } from '@/db/test-databases';
import type { OpenDatabase } from '@/db/client';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { appRouter, createCaller } from './root';
import { contextFor } from './testing/test-context';
import { callByPath, listProcedures } from './testing/procedures';
import { fuzzArbitrary } from './testing/arbitrary-from-schema';
import { handleTrpcRequest } from './http-handler';
import { MAX_BATCH_SIZE } from './public-error';

const RUNS_PER_PROCEDURE = 200;

/**
 * Sends ≥ 200 inputs to every procedure, as a role allowed to call it: half shaped like its input
 * schema (so they reach the handler and the database), half anything at all. None may end in an
 * internal server error.
 */
describe('input fuzzing', () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('pglite', path.resolve('db/app/migrations'));
    await seedDemoUsers(database.db);
  });
  afterAll(() => database.close());

  it.each(listProcedures(appRouter).map((p) => [p.path, p] as const))(
    '%s never fails with INTERNAL_SERVER_ERROR',
    async (_path, procedure) => {
      const access = procedure.access;
      const role = access === 'public' ? null : access === 'signed-in' || access === undefined ? 'patient' : (access[0] ?? null);
      const caller = createCaller(await contextFor(database.db, role));
      await fc.assert(
        fc.asyncProperty(fuzzArbitrary(procedure.input!), async (input) => {
          try {
            await callByPath(caller, procedure.path, input);
          } catch (error) {
            if (!(error instanceof TRPCError) || error.code === 'INTERNAL_SERVER_ERROR') throw error;
          }
        }),
        { numRuns: RUNS_PER_PROCEDURE, seed: 20261129 },
      );
    },
    240_000,
  );
});

/** What a client could read of an answer: every error message in it, single or batched. */
function errorMessages(body: unknown): string[] {
  const answers = Array.isArray(body) ? body : [body];
  return answers.flatMap((a) => {
    const error = (a as { error?: { json?: { message?: unknown } } } | null)?.error?.json;
    return error ? [String(error.message)] : [];
  });
}

// Text that only an internal error carries: a runtime's, a parser's, the database's or tRPC's own.
const INTERNAL_TEXT = /Cannot (destructure|read|convert)|Maximum call stack|Invalid regular expression|Unexpected (token|end)|is not valid JSON|SyntaxError|TypeError|RangeError|No procedure found|Unsupported content-type|needs to be an object|transformer|\bat \S+ \(|SELECT|INSERT|drizzle|pglite|\.ts:\d+/i;

/**
 * The HTTP envelope around the inputs, as the route serves it (the same handler, a real database):
 * malformed bodies, crafted superjson metadata, deep nesting, wrong content types, bad batch indices.
 * Each answer must be a 4xx whose messages hide every internal text and quote the request id.
 */
describe('malformed tRPC envelopes over HTTP', () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('pglite', path.resolve('db/app/migrations'));
    await seedDemoUsers(database.db);
  });
  afterAll(() => database.close());

  async function send(pathAndQuery: string, init: { method?: string; body?: string; contentType?: string | null; requestId?: string } = {}) {
    const headers = new Headers({ 'x-request-id': init.requestId ?? 'req-envelope-1' });
    if (init.contentType !== null) headers.set('content-type', init.contentType ?? 'application/json');
    const request = new Request(`http://localhost/api/trpc/${pathAndQuery}`, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, body: init.body });
    const response = await handleTrpcRequest(request, async (requestId) => ({ ...(await contextFor(database.db, 'admin')), requestId }));
    const text = await response.text();
    return { status: response.status, text, messages: errorMessages(JSON.parse(text)) };
  }

  function expectClean(answer: { status: number; text: string; messages: string[] }) {
    expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
    expect(answer.status, answer.text).toBeLessThan(500);
    expect(answer.text).not.toMatch(INTERNAL_TEXT);
    expect(answer.text).not.toContain('"stack"');
    expect(answer.messages.length).toBeGreaterThan(0);
  }

  const deep = (depth: number, open: string, close: string, inner = '1') => open.repeat(depth) + inner + close.repeat(depth);
  const ENVELOPES: [string, string, { method?: string; body?: string; contentType?: string | null }][] = [
    ['null body', 'admin.createUser', { body: 'null' }],
    ['null json', 'admin.createUser', { body: '{"json":null,"meta":null}' }],
    ['superjson meta nested 20,000 deep', 'admin.createUser', { body: `{"json":{"a":1},"meta":{"values":${deep(20_000, '["undefined",{"a":', '}]', '["undefined"]')}}}` }],
    ['superjson meta with a broken RegExp', 'admin.createUser', { body: JSON.stringify({ json: { name: '/(/' }, meta: { values: { name: ['regexp'] } } }) }],
    ['superjson meta with an unknown type', 'admin.createUser', { body: JSON.stringify({ json: { name: 'x' }, meta: { values: { name: ['custom', 'nope'] } } }) }],
    ['superjson meta on __proto__', 'admin.createUser', { body: '{"json":{"a":1},"meta":{"values":{"__proto__.polluted":["undefined"]}}}' }],
    ['superjson referential equalities out of bounds', 'admin.createUser', { body: JSON.stringify({ json: { a: {} }, meta: { referentialEqualities: { 'a.b.c.d': ['x.y'] } } }) }],
    ['deeply nested input', 'admin.createUser', { body: `{"json":${deep(50_000, '{"a":', '}')}}` }],
    ['deeply nested arrays', 'admin.createUser', { body: deep(100_000, '[', ']') }],
    ['truncated JSON', 'admin.createUser', { body: '{"json":{"name":' }],
    ['not JSON at all', 'admin.createUser', { body: '<xml/>' }],
    ['text/plain', 'admin.createUser', { body: '{"json":{}}', contentType: 'text/plain' }],
    ['no content type', 'admin.createUser', { body: '{"json":{}}', contentType: null }],
    ['application/xml', 'admin.createUser', { body: '<a/>', contentType: 'application/xml' }],
    ['multipart/form-data', 'admin.createUser', { body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--', contentType: 'multipart/form-data; boundary=x' }],
    ['octet-stream', 'admin.createUser', { body: '\u0000\u0001', contentType: 'application/octet-stream' }],
    ['batch input that is an array', 'admin.createUser,admin.createUser?batch=1', { body: '[{"json":{}},{"json":{}}]' }],
    ['batch input that is null', 'admin.createUser?batch=1', { body: 'null' }],
    ['batch input that is a string', 'admin.createUser?batch=1', { body: '"0"' }],
    ['batch indices out of range and negative', 'admin.createUser?batch=1', { body: '{"5":{"json":{}},"-1":{"json":{}},"__proto__":{"json":{}}}' }],
    ['batch of mixed types', 'session.me,admin.createUser?batch=1', { body: '{}' }],
    ['batch of empty paths', ',,?batch=1', { method: 'GET' }],
    ['unknown procedure', 'no.such.procedure', { method: 'GET' }],
    ['unknown procedure with markup in its name', '%3Cscript%3Ealert(1)%3C%2Fscript%3E', { method: 'GET' }],
    ['query input that is not JSON', 'audit.listEvents?input=%7Bnope', { method: 'GET' }],
    ['query input with a RegExp', `audit.listEvents?input=${encodeURIComponent(JSON.stringify({ json: { limit: '[' }, meta: { values: { limit: ['regexp'] } } }))}`, { method: 'GET' }],
    ['mutation by GET', 'admin.createUser', { method: 'GET' }],
    ['query by POST', 'session.me', { body: '{}' }],
    ['PUT', 'session.me', { method: 'PUT', body: '{}' }],
  ];

  it.each(ENVELOPES)('%s → a 4xx with no internal text', async (_name, target, init) => {
    const answer = await send(target, init);
    expectClean(answer);
  });

  it('a masked message quotes the request id, and the server logs the real one under it', async () => {
    const answer = await send('admin.createUser', { body: 'null', requestId: 'req-quoted-42' });
    expect(answer.messages).toEqual(['The request could not be read. (request req-quoted-42)']);
  });

  it(`a batch of ${MAX_BATCH_SIZE} calls is served; one more is refused with 400 and the reason`, async () => {
    const paths = (n: number) => Array.from({ length: n }, () => 'session.me').join(',');
    const ok = await send(`${paths(MAX_BATCH_SIZE)}?batch=1&input=%7B%7D`, { method: 'GET' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toHaveLength(MAX_BATCH_SIZE);
    const tooMany = await send(`${paths(MAX_BATCH_SIZE + 1)}?batch=1&input=%7B%7D`, { method: 'GET' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.messages).toEqual([`A request may batch at most ${MAX_BATCH_SIZE} calls; split it.`]);
  });

  it('invalid input still names the fields that are wrong', async () => {
    const answer = await send('admin.createUser', { body: JSON.stringify({ json: { name: 'x', email: 'not-an-email' } }) });
    expect(answer.status).toBe(400);
    expect(answer.messages).toEqual(['The request is not valid.']);
    expect(answer.text).toContain('fieldErrors');
  });

  it('200 random envelopes: never a 5xx, never internal text', async () => {
    const json = fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v));
    const envelope = fc.oneof(
      json,
      fc.record({ json: fc.jsonValue({ maxDepth: 4 }), meta: fc.jsonValue({ maxDepth: 5 }) }).map((v) => JSON.stringify(v)),
      fc.record({ json: fc.jsonValue({ maxDepth: 3 }), meta: fc.record({ values: fc.dictionary(fc.string({ maxLength: 12 }), fc.constantFrom<unknown>(['regexp'], ['Date'], ['bigint'], ['set'], ['map'], ['undefined'], ['class', 'X'], ['symbol', 'y'], ['custom', 'z'], 'number', 'Infinity')) }) }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 200 }),
    );
    const target = fc.constantFrom('admin.createUser', 'admin.setUserDisabled', 'admin.addCareRelationship', 'admin.createUser,admin.setUserDisabled?batch=1');
    await fc.assert(
      fc.asyncProperty(target, envelope, async (t, body) => {
        const answer = await send(t, { body });
        expect(answer.status, answer.text).toBeLessThan(500);
        expect(answer.text).not.toMatch(INTERNAL_TEXT);
      }),
      { numRuns: 200, seed: 20261201 },
    );
  }, 120_000);
});
