import type { z } from 'zod';
import type { TSignedInContext } from '@/server/api/trpc';
import { providerAccessSearch } from '@/server/audit/search/provider-access-search';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import type { TProviderAccessFilters, ZProviderAccessesInputSchema } from './providerAccesses.schema';

/** The authority's search query for the page's filters. */
export function providerAccessQuery(f: TProviderAccessFilters) {
  return { patient: f.patientNationalId, professional: f.userEmail, provider: f.provider, purpose: f.purpose, outcome: f.outcome, from: f.from, to: f.to };
}

export async function providerAccessesHandler({ ctx, input }: { ctx: TSignedInContext; input: z.infer<typeof ZProviderAccessesInputSchema> }) {
  const page = await providerAccessSearch(ctx.db, dataspaceConsumer(ctx.db), { userId: ctx.user.id }, { ...providerAccessQuery(input.filters), ...(input.cursor ?? {}), limit: input.limit });
  return { ...page, rows: page.rows.map((r) => ({ ...r, recorded: new Date(r.recorded).toISOString() })) };
}
