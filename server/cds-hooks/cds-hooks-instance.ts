import { appDb } from '@/server/db';
import { env } from '@/server/env';
import { readCdsClientsFile } from '@/server/cds-hooks/cds-clients-file';
import type { CdsHooksApi } from '@/server/cds-hooks/cds-hooks-api';
import { createCdsHooksApi } from '@/server/cds-hooks/cds-hooks-api';
import { createCdsClientAuthenticator } from '@/server/cds-hooks/client-auth';
import { dbJtiStore } from '@/server/cds-hooks/jti-store';

/**
 * The process's CDS Hooks endpoints over the app DB and the allow-list read at start-up
 * (instrumentation.ts calls this, so a bad cds-clients.json stops the start). On globalThis because
 * Next.js may evaluate this module once per bundle.
 */
const holder = globalThis as typeof globalThis & { __d4hCdsHooks?: Promise<CdsHooksApi> };

export function cdsHooksApi(): Promise<CdsHooksApi> {
  holder.__d4hCdsHooks ??= (async () => {
    const clients = readCdsClientsFile();
    const db = await appDb();
    return createCdsHooksApi({ db, authenticator: createCdsClientAuthenticator(clients, dbJtiStore(db)), publicUrl: env().NEXTAUTH_URL });
  })().catch((error: unknown) => {
    holder.__d4hCdsHooks = undefined;
    throw error;
  });
  return holder.__d4hCdsHooks;
}
