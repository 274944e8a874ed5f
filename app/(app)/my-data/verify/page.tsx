import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { MyDataNav } from '@/components/consent/my-data-nav';
import { ReceiptVerification } from '@/components/consent/receipt-verification';
import { PageHead } from '@/components/ui/page-head';

export async function generateMetadata() {
  return { title: (await getTranslations('consent'))('verify.title') };
}

export default async function VerifyReceiptPage() {
  const user = await pageAccess('/my-data/verify', ['patient', 'steward']);
  const t = await getTranslations('consent');
  return (
    <>
      <PageHead title={t('verify.title')} intro={t('verify.pageIntro')} />
      {user.role === 'patient' ? <MyDataNav current="/my-data/verify" /> : null}
      <ReceiptVerification />
    </>
  );
}
