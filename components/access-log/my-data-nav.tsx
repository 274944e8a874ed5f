import { getTranslations } from 'next-intl/server';

/** The patient's pages under /my-data; `current` is marked for assistive technology. */
export async function MyDataNav({ current }: { current: '/my-data' | '/my-data/access-log' | '/my-data/export' }) {
  const t = await getTranslations('accessLog');
  const links = [
    { href: '/my-data', label: t('navOverview') },
    { href: '/my-data/access-log', label: t('navLog') },
    { href: '/my-data/export', label: t('navExport') },
  ] as const;
  return (
    <nav className="sub-nav" aria-label={t('nav')}>
      {links.map((l) => (
        <a key={l.href} href={l.href} aria-current={l.href === current ? 'page' : undefined}>
          {l.label}
        </a>
      ))}
    </nav>
  );
}
