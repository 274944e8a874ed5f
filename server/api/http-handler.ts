import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from './root';
import { MAX_BATCH_SIZE } from './public-error';
import { requestIdFrom, requestIdScope } from './request-id';
import type { TRPCContext } from './trpc';

/**
 * Serves one tRPC HTTP request (the route `app/api/trpc/[trpc]` and the envelope tests use this): batches
 * are bounded, and the request id is known to the error formatter even when no context could be made.
 */
export function handleTrpcRequest(request: Request, createContext: (requestId: string) => Promise<TRPCContext>): Promise<Response> {
  const requestId = requestIdFrom(request.headers);
  return requestIdScope.run(requestId, () =>
    fetchRequestHandler({ endpoint: '/api/trpc', req: request, router: appRouter, maxBatchSize: MAX_BATCH_SIZE, createContext: () => createContext(requestId) }),
  );
}
