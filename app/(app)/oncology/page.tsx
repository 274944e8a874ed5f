import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { PageHead } from '@/components/ui/page-head';
import { BoardsHome } from '@/components/oncology/boards-home';
import { PatientsInCare } from '@/components/records/patients-in-care';

export async function generateMetadata() {
  return { title: (await getTranslations('oncology'))('title') };
}

/** The oncologist's home: the tumour boards' sessions, scheduling one, and the patients in their care. */
export default async function OncologyPage() {
  await pageAccess('/oncology', ['oncologist']);
  const t = await getTranslations('oncology');
  return (
    <>
      <PageHead title={t('title')} intro={t('intro')} />
      <BoardsHome />
      <PatientsInCare area="oncology" />
    </>
  );
}
