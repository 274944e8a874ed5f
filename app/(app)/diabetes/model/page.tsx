import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { PageHead } from '@/components/ui/page-head';
import { ModelReport } from '@/components/diabetes/model-report';

export async function generateMetadata() {
  return { title: (await getTranslations('diabetes'))('model.title') };
}

/** The therapy model's card, validation figures and calibration, and how often clinicians agreed with it. */
export default async function DiabetesModelPage() {
  await pageAccess('/diabetes', ['endocrinologist']);
  const t = await getTranslations('diabetes');
  return (
    <>
      <PageHead title={t('model.title')} intro={t('model.intro')} />
      <ModelReport />
    </>
  );
}
