import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { trpc, getQueryClient } from '@/server/api/server-trpc';
import type { Role } from '@/server/auth/roles';
import { HydrateClient } from '@/components/trpc/hydrate';
import { NotBuilt } from './not-built';
import { PageHead } from './page-head';
import { MyPatients } from './my-patients';

/**
 * A clinician's home until its own feature lands: the patients in their care (prefetched) beside a
 * plain "not built yet" card. `area` is the message namespace and the page's path.
 */
export async function ClinicianHome({ area, role }: { area: 'diabetes' | 'oncology'; role: Role }) {
  await pageAccess(`/${area}`, [role]);
  const t = await getTranslations(area);
  await getQueryClient().prefetchQuery(trpc.care.myPatients.queryOptions());
  return (
    <>
      <PageHead title={t('title')} intro={t('intro')} />
      <div className="grid-2">
        <HydrateClient>
          <MyPatients />
        </HydrateClient>
        <NotBuilt feature={t('feature')} />
      </div>
    </>
  );
}
