import { getTranslations } from 'next-intl/server';
import { SubNav } from '@/components/ui/sub-nav';

const MY_DATA_PAGES = ['/my-data', '/my-data/history', '/my-data/verify', '/my-data/access-log', '/my-data/export'] as const;
export type MyDataPage = (typeof MY_DATA_PAGES)[number];

/** The patient's pages about their own data: consent, its history and receipts, checking a receipt, the access log, the export. */
export async function MyDataNav({ current }: { current: MyDataPage }) {
  const [t, tLog] = await Promise.all([getTranslations('consent'), getTranslations('accessLog')]);
  const labels: Record<MyDataPage, string> = {
    '/my-data': t('nav.consent'),
    '/my-data/history': t('nav.history'),
    '/my-data/verify': t('nav.verify'),
    '/my-data/access-log': tLog('navLog'),
    '/my-data/export': tLog('navExport'),
  };
  return <SubNav label={t('nav.label')} links={MY_DATA_PAGES.map((href) => ({ href, label: labels[href] }))} current={current} />;
}
