import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { PageHead } from '@/components/ui/page-head';
import { DiabetesPanel } from '@/components/diabetes/diabetes-panel';

export async function generateMetadata() {
  return { title: (await getTranslations('diabetes'))('title') };
}

/** The endocrinologist's panel; the rows are read in the browser, so the page does not wait for the providers. */
export default async function DiabetesPage() {
  await pageAccess('/diabetes', ['endocrinologist']);
  const t = await getTranslations('diabetes');
  return (
    <>
      <PageHead title={t('title')} intro={t('intro')} />
      <DiabetesPanel />
    </>
  );
}
