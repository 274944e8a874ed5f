import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { appRouter } from './root';
import { createRequestContext } from './context';
import { makeQueryClient } from '@/components/trpc/query-client';

/** One query client per server request, shared by every server component that prefetches. */
export const getQueryClient = cache(makeQueryClient);

/** Server components prefetch through this: `await prefetch(trpc.x.y.queryOptions())`. */
export const trpc = createTRPCOptionsProxy({
  router: appRouter,
  queryClient: getQueryClient,
  ctx: async () => {
    const h = await headers();
    const host = h.get('host') ?? 'localhost';
    const proto = h.get('x-forwarded-proto') ?? 'http';
    return createRequestContext(new Request(`${proto}://${host}/`, { headers: h }));
  },
});
