import { getTranslations } from 'next-intl/server';
import { currentUser } from '@/server/auth/current-user';
import { ErrorPage } from '@/components/ui/error-page';

/** What `notFound()` (HTTP 404) renders inside the shell, for a missing page or a malformed address. */
export default async function NotFound() {
  const t = await getTranslations('errors');
  return <ErrorPage role={(await currentUser())?.role ?? null} title={t('notFoundTitle')} body={t('notFound')} />;
}
