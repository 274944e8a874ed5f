import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { ConsentDashboard } from '@/components/consent/consent-dashboard';
import { MyDataNav } from '@/components/consent/my-data-nav';
import { NotBuilt } from '@/components/ui/not-built';
import { PageHead } from '@/components/ui/page-head';

export async function generateMetadata() {
  return { title: (await getTranslations('myData'))('title') };
}

export default async function MyDataPage() {
  const user = await pageAccess('/my-data', ['patient']);
  const t = await getTranslations('myData');
  return (
    <>
      <PageHead title={t('title')} intro={t('intro')} />
      <MyDataNav current="/my-data" />
      <p className="muted small">
        {t('identifier')}: <span className="mono">{user.nationalId}</span>
      </p>
      <ConsentDashboard />
      <NotBuilt feature={t('feature')} />
    </>
  );
}
