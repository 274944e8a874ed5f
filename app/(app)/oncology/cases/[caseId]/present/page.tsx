import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { pageAccess } from '@/server/auth/page-access';
import { PresentationMode } from '@/components/oncology/presentation-mode';

export async function generateMetadata() {
  return { title: (await getTranslations('oncology'))('presentation') };
}

export default async function PresentRoute({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  await pageAccess('/oncology', ['oncologist']);
  if (!z.string().uuid().safeParse(caseId).success) notFound();
  return <PresentationMode caseId={caseId} />;
}
