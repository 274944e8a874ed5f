import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { openDatabase, type OpenDatabase } from './client';

/** The databases an integration test runs on: in-memory PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testDatabaseKinds(): Array<'pglite' | 'postgres'> {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * Opens a fresh, migrated database of the given kind. On PostgreSQL each call creates its own database
 * (dropped by close), so runs never see each other's rows.
 */
export async function openTestDatabase(kind: 'pglite' | 'postgres', migrationsFolder: string): Promise<OpenDatabase> {
  if (kind === 'pglite') return openDatabase({ kind: 'memory' }, migrationsFolder);
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `d4h_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new Pool({ connectionString: serverUrl, max: 1 });
  admin.on('error', () => undefined);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const opened = await openDatabase({ kind: 'postgres', url: url.toString() }, migrationsFolder);
  return {
    ...opened,
    close: async () => {
      await opened.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
