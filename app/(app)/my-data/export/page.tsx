import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { PageHead } from '@/components/ui/page-head';
import { MyDataNav } from '@/components/consent/my-data-nav';
import { RecordExport } from '@/components/export/record-export';
import { accessLogPlaces } from '@/server/consent/access-log/access-log-places';

export async function generateMetadata() {
  return { title: (await getTranslations('accessLog.export'))('pageTitle') };
}

export default async function ExportPage() {
  await pageAccess('/my-data/export', ['patient']);
  const t = await getTranslations('accessLog');
  const places = await accessLogPlaces(t('sourceApp'));
  return (
    <>
      <PageHead title={t('export.pageTitle')} intro={t('export.intro')} />
      <MyDataNav current="/my-data/export" />
      <RecordExport holderNames={Object.fromEntries(places.map((p) => [p.id, p.name]))} />
    </>
  );
}
