import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { NotBuilt } from '@/components/ui/not-built';
import { PageHead } from '@/components/ui/page-head';
import { MyDataNav } from '@/components/access-log/my-data-nav';

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
      <section className="card">
        <p className="muted">{t('identifier')}</p>
        <p className="mono">{user.nationalId}</p>
      </section>
      <NotBuilt feature={t('feature')} />
    </>
  );
}
