import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** The patient's pages about their own data: consent, its history and receipts, checking a receipt. */
export async function MyDataNav({ current }: { current: 'consent' | 'history' | 'verify' }) {
  const t = await getTranslations('consent');
  const links = [
    { key: 'consent', href: '/my-data' },
    { key: 'history', href: '/my-data/history' },
    { key: 'verify', href: '/my-data/verify' },
  ] as const;
  return (
    <nav aria-label={t('nav.label')} className="button-row my-data-nav">
      {links.map((l) => (
        <Link key={l.key} href={l.href} className={l.key === current ? 'button small' : 'button small secondary'} aria-current={l.key === current ? 'page' : undefined}>
          {t(`nav.${l.key}`)}
        </Link>
      ))}
    </nav>
  );
}
