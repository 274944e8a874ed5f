import { appDb } from '@/server/db';
import { env } from '@/server/env';
import { currentUser } from '@/server/auth/current-user';
import { clientAddressFrom } from '@/server/auth/client-address';
import { allowedOrigins } from '@/server/security/allowed-origins';
import { requestIdFrom } from './request-id';
import type { TRPCContext } from './trpc';

let origins: ReadonlySet<string> | undefined;

/** Builds the tRPC context of one HTTP request. */
export async function createRequestContext(request: Request, requestId = requestIdFrom(request.headers)): Promise<TRPCContext> {
  origins ??= allowedOrigins({ publicUrl: env().NEXTAUTH_URL, host: env().HOST, port: env().PORT });
  return {
    db: await appDb(),
    user: await currentUser(),
    clientAddress: clientAddressFrom(request.headers),
    requestId,
    origin: { sent: request.headers.get('origin'), allowed: origins },
  };
}
