/**
 * Runs once when the web server starts: validates the configuration and opens, migrates and seeds the
 * app database, so a wrong setting or a locked database stops the start instead of the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env } = await import('./server/env');
  env();
  const { appDb } = await import('./server/db');
  await appDb();
}
