import path from 'node:path';
import { openDatabase, parseDatabaseTarget, type Database } from '@/db/client';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { env } from './env';

const APP_MIGRATIONS = path.resolve(/* turbopackIgnore: true */ process.cwd(), 'db/app/migrations');

// One database per process: PGlite is single-connection, and Next.js may evaluate this module in more
// than one bundle, so the promise lives on globalThis.
const holder = globalThis as typeof globalThis & { __d4hAppDb?: Promise<Database> };

/** The app database, opened, migrated and (first time, unless SEED_DEMO=false) seeded with demo users. */
export function appDb(): Promise<Database> {
  holder.__d4hAppDb ??= (async () => {
    const { db } = await openDatabase(parseDatabaseTarget(env().DATABASE_URL), APP_MIGRATIONS);
    if (env().SEED_DEMO) await seedDemoUsers(db);
    return db;
  })().catch((error: unknown) => {
    holder.__d4hAppDb = undefined;
    throw error;
  });
  return holder.__d4hAppDb;
}
