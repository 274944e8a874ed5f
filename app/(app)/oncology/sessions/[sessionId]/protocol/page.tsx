import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { pageAccess } from '@/server/auth/page-access';
import { SessionProtocol } from '@/components/oncology/session-protocol';

export async function generateMetadata() {
  return { title: (await getTranslations('oncology'))('protocol') };
}

export default async function ProtocolPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  await pageAccess('/oncology', ['oncologist']);
  if (!z.string().uuid().safeParse(sessionId).success) notFound();
  return <SessionProtocol sessionId={sessionId} />;
}
