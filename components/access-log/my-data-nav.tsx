import { getTranslations } from 'next-intl/server';
import { SubNav } from '@/components/ui/sub-nav';

/** The patient's pages under /my-data. */
export async function MyDataNav({ current }: { current: '/my-data' | '/my-data/access-log' | '/my-data/export' }) {
  const t = await getTranslations('accessLog');
  const links = [
    { href: '/my-data', label: t('navOverview') },
    { href: '/my-data/access-log', label: t('navLog') },
    { href: '/my-data/export', label: t('navExport') },
  ];
  return <SubNav label={t('nav')} links={links} current={current} />;
}
