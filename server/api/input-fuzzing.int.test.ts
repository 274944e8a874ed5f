import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { openTestDatabase } from '@/db/test-databases';
import type { OpenDatabase } from '@/db/client';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { appRouter, createCaller } from './root';
import { contextFor } from './testing/test-context';
import { callByPath, listProcedures } from './testing/procedures';
import { fuzzArbitrary } from './testing/arbitrary-from-schema';

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
