import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { pageAccess } from '@/server/auth/page-access';
import { PageHead } from '@/components/ui/page-head';
import { CasePage } from '@/components/oncology/case-page';

export async function generateMetadata() {
  return { title: (await getTranslations('oncology'))('caseTitle') };
}

/** A tumour-board case; the patient-access check happens in the procedure that reads the record. */
export default async function CaseRoute({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  await pageAccess('/oncology', ['oncologist']);
  if (!z.string().uuid().safeParse(caseId).success) notFound();
  const t = await getTranslations('oncology');
  return (
    <>
      <PageHead title={t('caseTitle')} intro={t('caseIntro')} />
      <CasePage caseId={caseId} />
    </>
  );
}
