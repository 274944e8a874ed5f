import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import { PageHead } from '@/components/ui/page-head';
import { UsersTable } from '@/components/admin/users-table';
import { CreateUserForm } from '@/components/admin/create-user-form';
import { CareRelationshipsTable } from '@/components/admin/care-relationships-table';

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('title') };
}

export default async function AdminPage() {
  await pageAccess('/admin', ['admin']);
  const t = await getTranslations('admin');
  return (
    <>
      <PageHead title={t('title')} />
      <UsersTable />
      <CreateUserForm />
      <CareRelationshipsTable />
    </>
  );
}
