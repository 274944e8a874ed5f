import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { openTestDatabase } from '@/db/test-databases';
import type { OpenDatabase } from '@/db/client';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { ALL_ROLES, type Role } from '@/server/auth/roles';
import { appRouter, createCaller } from './root';
import { contextFor } from './testing/test-context';
import { callByPath, listProcedures } from './testing/procedures';

const procedures = listProcedures(appRouter);

/**
 * Every procedure against every role and against no session: a procedure that declares no access
 * fails here, and so does one whose real behaviour differs from its declaration.
 */
describe('authorisation matrix', () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('pglite', path.resolve('db/app/migrations'));
    await seedDemoUsers(database.db);
  });
  afterAll(() => database.close());

  it('finds the procedures', () => {
    expect(procedures.length).toBeGreaterThanOrEqual(10);
  });

  it.each(procedures.map((p) => [p.path, p] as const))('%s declares its access, an input and an output schema', (_path, procedure) => {
    expect(procedure.access, 'declare .meta({ access }) through publicProcedure / protectedProcedure / roleProcedure').toBeDefined();
    expect(procedure.input, 'declare .input()').toBeDefined();
    expect(procedure.hasOutput, 'declare .output()').toBe(true);
  });

  const cases = procedures.flatMap((p) => [null, ...ALL_ROLES].map((role) => [p.path, role ?? 'no session', p, role] as const));

  it.each(cases)('%s as %s', async (_path, _label, procedure, role: Role | null) => {
    const caller = createCaller(await contextFor(database.db, role));
    const outcome = await callByPath(caller, procedure.path, undefined).then(
      () => 'allowed',
      (error: unknown) => (error instanceof TRPCError ? error.code : 'unexpected'),
    );
    const access = procedure.access;
    const expected =
      access === 'public' ? 'allowed' : role === null ? 'UNAUTHORIZED' : access === 'signed-in' || access?.includes(role) ? 'allowed' : 'FORBIDDEN';
    if (expected === 'allowed') {
      // Past the gate, an empty input may be refused as invalid or not found; never as a permission problem.
      expect(['allowed', 'BAD_REQUEST', 'NOT_FOUND', 'CONFLICT', 'PRECONDITION_FAILED']).toContain(outcome);
    } else {
      expect(outcome).toBe(expected);
    }
  });
});
