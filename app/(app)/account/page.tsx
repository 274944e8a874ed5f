import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { ALL_ROLES } from '@/server/auth/roles';
import { SESSION_LIMITS } from '@/server/auth/session-policy';
import { PageHead } from '@/components/ui/page-head';
import { SignOutEverywhere } from '@/components/ui/sign-out-everywhere';

export async function generateMetadata() {
  return { title: (await getTranslations('account'))('title') };
}

export default async function AccountPage() {
  await pageAccess('/account', ALL_ROLES);
  const t = await getTranslations('account');
  return (
    <>
      <PageHead title={t('title')} />
      <section className="card">
        <p>{t('intro')}</p>
        <p className="muted">{t('sessionRules', { idle: SESSION_LIMITS.idleSeconds / 60, absolute: SESSION_LIMITS.absoluteSeconds / 3600 })}</p>
        <SignOutEverywhere />
      </section>
    </>
  );
}
