import { getTranslations } from 'next-intl/server';

/** The steward's audit pages; `current` is marked for assistive technology. */
export async function AuditNav({ current, steward }: { current: '/audit' | '/audit/providers' | '/audit/emergency-access'; steward: boolean }) {
  const t = await getTranslations('audit');
  const links = [{ href: '/audit', label: t('navTrail') }, ...(steward ? [{ href: '/audit/providers', label: t('navProviders') }, { href: '/audit/emergency-access', label: t('navReview') }] : [])];
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
