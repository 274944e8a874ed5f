import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { PageHead } from '@/components/ui/page-head';
import { CatalogBrowser } from '@/components/dataspace/catalog-browser';
import { AgreementsTable, NegotiationsTable, TransfersTable } from '@/components/dataspace/contracts-tables';
import { ParticipantsTable } from '@/components/dataspace/participants-table';
import { ProviderHealth } from '@/components/dataspace/provider-health';

export async function generateMetadata() {
  return { title: (await getTranslations('dataspace'))('title') };
}

export default async function DataspacePage() {
  await pageAccess('/dataspace', ['steward']);
  const t = await getTranslations();
  return (
    <>
      <PageHead title={t('dataspace.title')} intro={t('dataspace.intro')} />
      <ProviderHealth />
      <ParticipantsTable />
      <AgreementsTable />
      <TransfersTable />
      <NegotiationsTable />
      <CatalogBrowser />
      <section className="card">
        <h2>{t('audit.title')}</h2>
        <p className="muted">{t('audit.intro')}</p>
        <Link className="button secondary" href="/audit">
          {t('nav.audit')}
        </Link>
      </section>
    </>
  );
}
