import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { Forbidden } from '@/components/ui/forbidden';
import { NotBuilt } from '@/components/ui/not-built';
import { PageHead } from '@/components/ui/page-head';

export async function generateMetadata() {
  return { title: (await getTranslations('dataspace'))('title') };
}

export default async function DataspacePage() {
  const { user, allowed } = await pageAccess('/dataspace', ['steward']);
  if (!allowed) return <Forbidden role={user.role} />;
  const t = await getTranslations();
  return (
    <>
      <PageHead title={t('dataspace.title')} intro={t('dataspace.intro')} />
      <div className="grid-2">
        <NotBuilt feature={t('dataspace.feature')} />
        <section className="card">
          <h2>{t('audit.title')}</h2>
          <p className="muted">{t('audit.intro')}</p>
          <Link className="button secondary" href="/audit">
            {t('nav.audit')}
          </Link>
        </section>
      </div>
    </>
  );
}
