'use client';
import Link from 'next/link';
import { signOutAndEndIdpSession } from './sign-out';
import { useTranslations } from 'next-intl';
import { LanguageSwitch } from './language-switch';

function initials(name: string): string {
  return name
    .replace(/^Dr\.?\s+/, '')
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

export function UserMenu({ name, email, roleLabel, organisation }: { name: string; email: string; roleLabel: string; organisation: string | null }) {
  const t = useTranslations();
  return (
    <details className="user-menu">
      <summary aria-label={t('shell.userMenu')}>
        <span className="avatar" aria-hidden="true">
          {initials(name)}
        </span>
        <span>
          <strong>{name}</strong>
          <br />
          <span className="user-meta">{roleLabel}</span>
        </span>
      </summary>
      <div className="user-menu-panel">
        <div className="user-meta">
          {email}
          {organisation ? (
            <>
              <br />
              {t('shell.organisation')}: {organisation}
            </>
          ) : null}
        </div>
        <LanguageSwitch />
        <Link className="button secondary small" href="/account">
          {t('nav.account')}
        </Link>
        <button className="button small" type="button" onClick={() => void signOutAndEndIdpSession('/sign-in')}>
          {t('shell.signOut')}
        </button>
      </div>
    </details>
  );
}
