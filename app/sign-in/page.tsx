import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentUser } from '@/server/auth/current-user';
import { ROLE_HOME } from '@/server/auth/role-home';
import { SignInForm } from '@/components/ui/sign-in-form';
import { LanguageSwitch } from '@/components/ui/language-switch';
import { DEMO_USERS } from '@/server/synthetic/demo-people';

export async function generateMetadata() {
  const t = await getTranslations('signIn');
  return { title: t('title') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await currentUser();
  if (user) redirect(ROLE_HOME[user.role]);
  const params = await searchParams;
  const t = await getTranslations();
  const showDemo = process.env.SEED_DEMO !== 'false';
  return (
    <main className="auth-page">
      <section className="auth-hero" aria-label={t('app.name')}>
        <div>
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              D4H
            </span>
            {t('app.name')}
          </div>
        </div>
        <div>
          <h1>{t('app.tagline')}</h1>
          {/* Only what works today; what is not built is named as coming, never promised as there. */}
          <h2>{t('signIn.worksTitle')}</h2>
          <ul>
            <li>{t('signIn.worksRecord')}</li>
            <li>{t('signIn.worksEmergency')}</li>
            <li>{t('signIn.worksDataspace')}</li>
          </ul>
          <p className="auth-hero-note">{t('signIn.comingNext')}</p>
        </div>
        <p className="auth-hero-note">
          {t('app.synthetic')}
        </p>
      </section>
      <section className="auth-panel">
        <div className="auth-card">
          <div className="auth-lang">
            <LanguageSwitch />
          </div>
          <div className="card">
            <h1>{t('signIn.title')}</h1>
            <p className="muted">{t('signIn.intro')}</p>
            {params.reason === 'ended' ? (
              <p className="notice" role="status">
                {t('signIn.sessionEnded')}
              </p>
            ) : null}
            <SignInForm />
          </div>
          {showDemo ? (
            <div className="card">
              <h2>{t('signIn.demoTitle')}</h2>
              <p className="muted">{t('signIn.demoHint')}</p>
              <ul className="demo-list">
                {DEMO_USERS.map((u) => (
                  <li key={u.email}>
                    <span className="mono">{u.email}</span> — {t(`roles.${u.role}`)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </section>
    </main>
  );
}
