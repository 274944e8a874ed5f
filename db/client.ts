import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { Pool } from 'pg';
import { acquireDirectoryLock } from './pglite-lock';

/** A drizzle database on either driver; code above this file never knows which. */
export type Database = PgDatabase<PgQueryResultHKT>;

export type DatabaseTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'memory' };

export interface OpenDatabase {
  db: Database;
  target: DatabaseTarget;
  close: () => Promise<void>;
}

/**
 * Opens a database and applies its migrations. `DATABASE_URL`-style strings: `postgres://…` for a
 * server, `memory://` for an in-memory PGlite, anything else is a PGlite folder.
 */
export async function openDatabase(target: DatabaseTarget, migrationsFolder: string): Promise<OpenDatabase> {
  if (target.kind === 'postgres') {
    const pool = new Pool({ connectionString: target.url, max: 10 });
    // An idle connection can be cut by the server (restart, failover, DROP DATABASE … FORCE); node-postgres
    // then emits 'error' on the pool, which would crash the process if nobody listened. The next query
    // opens a fresh connection.
    pool.on('error', (error) => console.warn(`[db] idle PostgreSQL connection lost: ${error.message}`));
    const db = drizzlePg(pool);
    try {
      await migratePg(db, { migrationsFolder });
    } catch (error) {
      await pool.end();
      throw error;
    }
    return { db: db as unknown as Database, target, close: () => pool.end() };
  }
  const release = target.kind === 'pglite' ? acquireDirectoryLock(target.dataDir) : () => undefined;
  try {
    const client = target.kind === 'pglite' ? new PGlite(target.dataDir) : new PGlite();
    const db = drizzlePglite(client);
    await migratePglite(db, { migrationsFolder });
    return {
      db: db as unknown as Database,
      target,
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** Reads a target from a URL-ish string (see openDatabase). */
export function parseDatabaseTarget(value: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: 'postgres', url: value };
  if (value === 'memory://') return { kind: 'memory' };
  return { kind: 'pglite', dataDir: value };
}
