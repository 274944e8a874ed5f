import type { TSignedInContext } from '@/server/api/trpc';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import { classifyDspError } from '@/server/dataspace/consumer/consumer-errors';
import { offerSummary, readableRule } from '@/server/dataspace/consumer/readable-policy';
import type { DspCatalog } from '@/server/dataspace/protocol/dsp-types';
import type { TCatalogsOutput } from './catalogs.schema';

/** A catalog read within this time is shown from the cache rather than asked again. */
const FRESH_MS = 5 * 60_000;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function datasetsOf(catalog: DspCatalog): TCatalogsOutput['catalogs'][number]['datasets'] {
  return (catalog.dataset ?? []).map((d) => ({
    id: d['@id'],
    title: str(d['dct:title']) ?? d['@id'],
    description: str(d['dct:description']),
    accessRights: str(d['dct:accessRights'])?.split('/').pop() ?? null,
    numberOfRecords: num(d['healthdcatap:numberOfRecords']),
    numberOfUniqueIndividuals: num(d['healthdcatap:numberOfUniqueIndividuals']),
    legalBasis: strings(d['dpv:hasLegalBasis']),
    offers: d.hasPolicy.map((o) => ({
      id: o['@id'],
      ...offerSummary(o),
      permissions: (o.permission ?? []).map(readableRule),
      prohibitions: (o.prohibition ?? []).map(readableRule),
      duties: [...(o.obligation ?? []), ...(o.permission ?? []).flatMap((p) => p.duty ?? [])].map(readableRule),
    })),
  }));
}

/**
 * The catalog every active provider offers this consumer (what the authority's policy lets it see).
 * Not the authority's, and not the app's own: the app is a participant that only consumes, its address is
 * its DSP callback, and it has no catalog to read.
 */
export async function catalogsHandler({ ctx }: { ctx: TSignedInContext }): Promise<TCatalogsOutput> {
  const consumer = dataspaceConsumer(ctx.db);
  const providers = await consumer.directory.participants().catch(() => []);
  const ids = providers.filter((p) => p.kind !== 'authority' && p.id !== consumer.settings.participantId && p.status === 'active' && p.baseUrl);
  const catalogs = await Promise.all(
    ids.map(async (p) => {
      const cached = await consumer.store.cachedCatalog(p.id);
      if (cached && Date.now() - cached.fetchedAt.getTime() < FRESH_MS) return { providerId: p.id, fetchedAt: cached.fetchedAt.toISOString(), error: null, datasets: datasetsOf(cached.catalog) };
      try {
        const catalog = await (await consumer.dsp()).catalog(p.id, (p.baseUrl ?? '').replace(/\/$/, ''));
        await consumer.store.saveCatalog(p.id, p.baseUrl ?? '', catalog);
        return { providerId: p.id, fetchedAt: new Date().toISOString(), error: null, datasets: datasetsOf(catalog) };
      } catch (error) {
        return { providerId: p.id, fetchedAt: cached?.fetchedAt.toISOString() ?? null, error: classifyDspError(p.id, error).reason, datasets: cached ? datasetsOf(cached.catalog) : [] };
      }
    }),
  );
  return { catalogs };
}
