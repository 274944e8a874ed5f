import { getTranslations } from 'next-intl/server';
import { ClinicianHome } from '@/components/ui/clinician-home';

export async function generateMetadata() {
  return { title: (await getTranslations('oncology'))('title') };
}

export default function OncologyPage() {
  return <ClinicianHome area="oncology" role="oncologist" />;
}
