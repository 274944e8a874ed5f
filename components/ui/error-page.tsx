import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ROLE_HOME } from '@/server/auth/role-home';
import type { Role } from '@/server/auth/roles';

/** The body of the 403 and 404 pages: what happened, and a link to the user's home page. */
export async function ErrorPage({ role, title, body }: { role: Role | null; title: string; body: string }) {
  const t = await getTranslations('errors');
  return (
    <div className="card" role="alert">
      <h1>{title}</h1>
      <p>{body}</p>
      <Link className="button" href={role ? ROLE_HOME[role] : '/'}>
        {t('goHome')}
      </Link>
    </div>
  );
}
