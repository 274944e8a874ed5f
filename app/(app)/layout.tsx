import type { ReactNode } from 'react';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentUser } from '@/server/auth/current-user';
import { NAV_ITEMS, NAV_KEYS, ROLE_HOME } from '@/server/auth/role-home';
import { SideNav } from '@/components/ui/side-nav';
import { UserMenu } from '@/components/ui/user-menu';
import { SessionActivity } from '@/components/ui/session-activity';

/** The signed-in shell: navigation for the user's role, the user menu, and the idle-session keeper. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) redirect('/sign-in');
  const t = await getTranslations();
  const items = NAV_KEYS.filter((key) => NAV_ITEMS[key].roles.includes(user.role)).map((key) => ({ href: NAV_ITEMS[key].href, label: t(`nav.${key}`) }));
  return (
    <>
      <a className="skip-link" href="#content">
        {t('nav.skip')}
      </a>
      <div className="shell">
        <aside className="sidebar">
          <a className="brand" href={ROLE_HOME[user.role]}>
            <span className="brand-mark" aria-hidden="true">
              D4H
            </span>
            {t('app.name')}
          </a>
          <SideNav items={items} label={t('nav.main')} />
          <div className="sidebar-foot">{t('app.tagline')}</div>
        </aside>
        <div className="main">
          <header className="topbar">
            <UserMenu name={user.name} email={user.email} roleLabel={t(`roles.${user.role}`)} organisation={user.organisation} />
          </header>
          <main id="content" className="content" tabIndex={-1}>
            {children}
          </main>
        </div>
      </div>
      <SessionActivity />
    </>
  );
}
