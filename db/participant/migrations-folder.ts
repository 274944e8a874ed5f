import path from 'node:path';

/** The participant database's generated migrations (applied by openDatabase at start-up and in tests). */
export const PARTICIPANT_MIGRATIONS = path.resolve(import.meta.dirname, 'migrations');
