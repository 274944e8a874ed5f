import { randomUUID } from 'node:crypto';
import { appDb } from '@/server/db';
import { currentUser } from '@/server/auth/current-user';
import { clientAddressFrom } from '@/server/auth/client-address';
import type { TRPCContext } from './trpc';

/** Builds the tRPC context of one HTTP request. */
export async function createRequestContext(request: Request): Promise<TRPCContext> {
  return {
    db: await appDb(),
    user: await currentUser(),
    clientAddress: clientAddressFrom(request.headers),
    requestId: request.headers.get('x-request-id') ?? randomUUID(),
    origin: { sent: request.headers.get('origin'), expected: new URL(request.url).origin },
  };
}
