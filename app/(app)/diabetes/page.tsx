import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { trpc, getQueryClient } from '@/server/api/server-trpc';
import { HydrateClient } from '@/components/trpc/hydrate';
import { Forbidden } from '@/components/ui/forbidden';
import { NotBuilt } from '@/components/ui/not-built';
import { PageHead } from '@/components/ui/page-head';
import { MyPatients } from '@/components/ui/my-patients';

export async function generateMetadata() {
  return { title: (await getTranslations('diabetes'))('title') };
}

export default async function DiabetesPage() {
  const { user, allowed } = await pageAccess('/diabetes', ['endocrinologist']);
  if (!allowed) return <Forbidden role={user.role} />;
  const t = await getTranslations('diabetes');
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
