import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { PageHead } from '@/components/ui/page-head';
import { AccessLog } from '@/components/access-log/access-log';
import { MyDataNav } from '@/components/consent/my-data-nav';
import { accessLogPlaces } from '@/server/consent/access-log/access-log-places';

export async function generateMetadata() {
  return { title: (await getTranslations('accessLog'))('title') };
}

export default async function AccessLogPage() {
  await pageAccess('/my-data/access-log', ['patient']);
  const t = await getTranslations('accessLog');
  return (
    <>
      <PageHead title={t('title')} intro={t('intro')} />
      <MyDataNav current="/my-data/access-log" />
      <AccessLog places={await accessLogPlaces(t('sourceApp'))} />
    </>
  );
}
