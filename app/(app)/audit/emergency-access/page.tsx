import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { PageHead } from '@/components/ui/page-head';
import { AuditNav } from '@/components/audit/audit-nav';
import { BreakGlassQueue } from '@/components/audit/break-glass-queue';

export async function generateMetadata() {
  return { title: (await getTranslations('audit.review'))('pageTitle') };
}

export default async function EmergencyAccessReviewPage() {
  await pageAccess('/audit/emergency-access', ['steward']);
  const t = await getTranslations('audit.review');
  return (
    <>
      <PageHead title={t('pageTitle')} intro={t('intro')} />
      <AuditNav current="/audit/emergency-access" steward />
      <BreakGlassQueue />
    </>
  );
}
