import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { PageHead } from '@/components/ui/page-head';
import { PatientWorkspace } from '@/components/diabetes/patient-workspace';
import { ZNationalId } from '@/server/records/national-id';

export async function generateMetadata() {
  return { title: (await getTranslations('diabetes'))('patientTitle') };
}

/** One patient's therapy review; the care-relationship check happens in the procedures that read the data. */
export default async function DiabetesPatientPage({ params }: { params: Promise<{ nationalId: string }> }) {
  const { nationalId } = await params;
  await pageAccess('/diabetes', ['endocrinologist']);
  if (!ZNationalId.safeParse(nationalId).success) notFound();
  const t = await getTranslations('diabetes');
  return (
    <>
      <PageHead title={t('patientTitle')} intro={t('patientIntro')} />
      <PatientWorkspace nationalId={nationalId} />
    </>
  );
}
