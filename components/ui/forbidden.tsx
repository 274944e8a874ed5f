import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ROLE_HOME } from '@/server/auth/role-home';
import type { Role } from '@/server/auth/roles';

export async function Forbidden({ role }: { role: Role }) {
  const t = await getTranslations('errors');
  return (
    <div className="card" role="alert">
      <h1>{t('forbiddenTitle')}</h1>
      <p>{t('forbiddenBody')}</p>
      <Link className="button" href={ROLE_HOME[role]}>
        {t('goHome')}
      </Link>
    </div>
  );
}
