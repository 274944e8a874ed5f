'use client';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';

/** One button per hospital identity provider configured in OIDC_PROVIDERS. */
export function SsoButtons({ providers }: { providers: ReadonlyArray<{ id: string; name: string }> }) {
  const t = useTranslations('signIn');
  if (providers.length === 0) return null;
  return (
    <div className="sso" role="group" aria-labelledby="sso-title">
      <p id="sso-title" className="sso-title">
        {t('ssoTitle')}
      </p>
      {providers.map((p) => (
        <button key={p.id} className="button secondary block" type="button" onClick={() => void signIn(p.id, { callbackUrl: '/' })}>
          {t('ssoButton', { hospital: p.name })}
        </button>
      ))}
    </div>
  );
}
