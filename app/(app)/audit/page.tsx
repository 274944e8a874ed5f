import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { PageHead } from '@/components/ui/page-head';
import { AuditTrail } from '@/components/audit/audit-trail';
import { AuditNav } from '@/components/audit/audit-nav';

export async function generateMetadata() {
  return { title: (await getTranslations('audit'))('title') };
}

export default async function AuditPage() {
  const user = await pageAccess('/audit', ['steward', 'admin']);
  const t = await getTranslations('audit');
  return (
    <>
      <PageHead title={t('title')} intro={t('intro')} />
      <AuditNav current="/audit" steward={user.role === 'steward'} />
      <AuditTrail canExport={user.role === 'steward'} />
    </>
  );
}
