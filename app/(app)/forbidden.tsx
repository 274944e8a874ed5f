import { getTranslations } from 'next-intl/server';
import { currentUser } from '@/server/auth/current-user';
import { ErrorPage } from '@/components/ui/error-page';

/** What `forbidden()` (HTTP 403) renders inside the shell: the page is for other roles, and the way home. */
export default async function Forbidden() {
  const t = await getTranslations('errors');
  return <ErrorPage role={(await currentUser())?.role ?? null} title={t('forbiddenTitle')} body={t('forbiddenBody')} />;
}
