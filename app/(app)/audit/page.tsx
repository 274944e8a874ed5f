import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { PageHead } from '@/components/ui/page-head';
import { AuditTrail } from '@/components/audit/audit-trail';

export async function generateMetadata() {
  return { title: (await getTranslations('audit'))('title') };
}

export default async function AuditPage() {
  await pageAccess('/audit', ['steward', 'admin']);
  const t = await getTranslations('audit');
  return (
    <>
      <PageHead title={t('title')} intro={t('intro')} />
      <AuditTrail />
    </>
  );
}
