import { getTranslations } from 'next-intl/server';
import { SubNav } from '@/components/ui/sub-nav';

/** The audit pages: the trail for stewards and administrators, the providers' accesses and the review queue for stewards. */
export async function AuditNav({ current, steward }: { current: '/audit' | '/audit/providers' | '/audit/emergency-access'; steward: boolean }) {
  const t = await getTranslations('audit');
  const links = [{ href: '/audit', label: t('navTrail') }, ...(steward ? [{ href: '/audit/providers', label: t('navProviders') }, { href: '/audit/emergency-access', label: t('navReview') }] : [])];
  return <SubNav label={t('nav')} links={links} current={current} />;
}
