import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { PageHead } from '@/components/ui/page-head';
import { AuditNav } from '@/components/audit/audit-nav';
import { ProviderAccesses } from '@/components/audit/provider-accesses';

export async function generateMetadata() {
  return { title: (await getTranslations('audit.providers'))('pageTitle') };
}

export default async function ProviderAccessesPage() {
  await pageAccess('/audit/providers', ['steward']);
  const t = await getTranslations('audit.providers');
  return (
    <>
      <PageHead title={t('pageTitle')} intro={t('pageIntro')} />
      <AuditNav current="/audit/providers" steward />
      <ProviderAccesses />
    </>
  );
}
