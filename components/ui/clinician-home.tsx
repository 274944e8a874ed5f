import { getTranslations } from 'next-intl/server';
import { pageAccess } from '@/server/auth/page-access';
import type { Role } from '@/server/auth/roles';
import { NotBuilt } from './not-built';
import { PageHead } from './page-head';
import { PatientsInCare } from '@/components/records/patients-in-care';

/**
 * A clinician's home until its own feature lands: the patients in their care (read in the browser, so the
 * page does not wait for the providers) above a plain "not built yet" card. `area` is the message
 * namespace and the page's path.
 */
export async function ClinicianHome({ area, role }: { area: 'diabetes' | 'oncology'; role: Role }) {
  await pageAccess(`/${area}`, [role]);
  const t = await getTranslations(area);
  return (
    <>
      <PageHead title={t('title')} intro={t('intro')} />
      <PatientsInCare area={area} />
      <NotBuilt feature={t('feature')} />
    </>
  );
}
