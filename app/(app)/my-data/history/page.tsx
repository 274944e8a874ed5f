import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { ConsentHistory } from '@/components/consent/consent-history';
import { MyDataNav } from '@/components/consent/my-data-nav';
import { PageHead } from '@/components/ui/page-head';

export async function generateMetadata() {
  return { title: (await getTranslations('consent'))('historyTitle') };
}

export default async function ConsentHistoryPage() {
  await pageAccess('/my-data/history', ['patient']);
  const t = await getTranslations('consent');
  return (
    <>
      <PageHead title={t('historyTitle')} intro={t('historyIntro')} />
      <MyDataNav current="/my-data/history" />
      <ConsentHistory />
    </>
  );
}
