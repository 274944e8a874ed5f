import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { PageHead } from '@/components/ui/page-head';
import { PatientRecord } from '@/components/records/patient-record';
import { ZNationalId } from '@/server/records/national-id';

export async function generateMetadata() {
  return { title: (await getTranslations('record'))('title') };
}

/** A clinician's view of one patient; the care-relationship check happens in the procedure that reads the data. */
export default async function PatientPage({ params }: { params: Promise<{ nationalId: string }> }) {
  const { nationalId } = await params;
  const user = await pageAccess('/patients', ['endocrinologist', 'oncologist']);
  if (!ZNationalId.safeParse(nationalId).success) notFound();
  const t = await getTranslations('record');
  return (
    <>
      <PageHead title={t('title')} intro={t('intro')} />
      <PatientRecord nationalId={nationalId} canOpenCases={user.role === 'oncologist'} />
    </>
  );
}
