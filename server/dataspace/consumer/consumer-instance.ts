import type { Database } from '@/db/client';
import { env } from '@/server/env';
import { AUTHORITY_ID, WEB_APP_PARTICIPANT } from '@/server/dataspace/participants';
import { resolveOperatorToken } from '@/server/dataspace/runtime/operator-token';
import { DataspaceConsumer } from './dataspace-consumer';

// One consumer per database and process: it holds the EDR cache and the circuit breakers, which must
// outlive a request. On globalThis because Next.js may load this module in more than one bundle.
const holder = globalThis as typeof globalThis & { __d4hConsumers?: WeakMap<Database, DataspaceConsumer> };

/** The web app's dataspace consumer for this database, configured from the environment. */
export function dataspaceConsumer(db: Database): DataspaceConsumer {
  holder.__d4hConsumers ??= new WeakMap();
  let consumer = holder.__d4hConsumers.get(db);
  if (!consumer) {
    const e = env();
    consumer = new DataspaceConsumer(db, {
      participantId: WEB_APP_PARTICIPANT.id,
      authorityUrl: e.AUTHORITY_URL.replace(/\/$/, ''),
      authorityId: AUTHORITY_ID,
      operatorToken: () => resolveOperatorToken({ DATASPACE_OPERATOR_TOKEN: e.DATASPACE_OPERATOR_TOKEN, OPERATOR_TOKEN_FILE: e.OPERATOR_TOKEN_FILE }),
      callbackAddress: `${e.NEXTAUTH_URL.replace(/\/$/, '')}/api/dsp/callback`,
      fhirTimeoutMs: e.DATASPACE_FHIR_TIMEOUT_MS,
      contractTimeoutMs: Math.max(8000, e.DATASPACE_FHIR_TIMEOUT_MS),
    });
    holder.__d4hConsumers.set(db, consumer);
  }
  return consumer;
}
