/**
 * Runs once when the web server starts: validates the configuration and opens, migrates and seeds the
 * app database, so a wrong setting or a locked database stops the start instead of the first request.
 * It also opens and warms the therapy model; a model that fails its integrity check does not stop the
 * app (the status says why, and nothing is predicted with it).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env } = await import('./server/env');
  const config = env();
  const { appDb } = await import('./server/db');
  await appDb();
  // A missing or malformed cds-clients.json stops the start with the reason (README, "CDS Hooks").
  const { cdsHooksApi } = await import('./server/cds-hooks/cds-hooks-instance');
  await cdsHooksApi();
  try {
    const { warmUpTherapyModel } = await import('./server/diabetes/model/model-session');
    const status = await warmUpTherapyModel(config.DIABETES_MODEL_DIR);
    if (status.state === 'refused') console.error(`therapy model refused: ${status.message}`);
  } catch (err) {
    // onnxruntime missing on this machine: the rest of the app still runs; predictions will say why.
    console.error(`therapy model not loaded: ${err instanceof Error ? err.message : String(err)}`);
  }
}
