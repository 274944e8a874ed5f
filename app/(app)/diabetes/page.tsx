import { getTranslations } from 'next-intl/server';
import { ClinicianHome } from '@/components/ui/clinician-home';

export async function generateMetadata() {
  return { title: (await getTranslations('diabetes'))('title') };
}

export default function DiabetesPage() {
  return <ClinicianHome area="diabetes" role="endocrinologist" />;
}
