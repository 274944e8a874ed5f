import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { pageAccess } from '@/server/auth/page-access';
import { PageHead } from '@/components/ui/page-head';
import { SessionAgenda } from '@/components/oncology/session-agenda';

export async function generateMetadata() {
  return { title: (await getTranslations('oncology'))('sessionTitle') };
}

export default async function SessionPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  await pageAccess('/oncology', ['oncologist']);
  if (!z.string().uuid().safeParse(sessionId).success) notFound();
  const t = await getTranslations('oncology');
  return (
    <>
      <PageHead title={t('sessionTitle')} intro={t('sessionIntro')} />
      <SessionAgenda sessionId={sessionId} />
    </>
  );
}
